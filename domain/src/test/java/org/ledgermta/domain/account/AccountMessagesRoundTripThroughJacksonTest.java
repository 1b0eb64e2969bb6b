package org.ledgermta.domain.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.limit.VolumeLimits;

/** As EventsRoundTripThroughJacksonTest, for the account's messages. */
public class AccountMessagesRoundTripThroughJacksonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule());

    private static final AccountId ACME = new AccountId("acme");
    private static final List<Cidr> NETWORKS = List.of(new Cidr("203.0.113.0/24"), new Cidr("2001:db8::/32"));
    private static final PasswordHash HASH =
            new PasswordHash("pbkdf2-sha256$1$c2FsdA==$Eg+2z/z4syxD5yJSVsT4N6hlSMkszDVICAWYfLcL4Xs=");
    private static final VolumeLimits LIMITS = new VolumeLimits(100L, null, 20_000L);
    private static final Instant AT = Instant.parse("2026-03-02T10:00:00.123456789Z");

    public static Stream<Object> messages() {
        return Stream.of(
                new CreateAccountCommand(ACME, NETWORKS, HASH, LIMITS, AT),
                new AccountCreatedEvent(ACME, NETWORKS, HASH, LIMITS, AT),
                new AccountCreatedEvent(ACME, List.of(), null, VolumeLimits.UNLIMITED, AT),
                new ChangeAccountNetworksCommand(ACME, NETWORKS, AT),
                new AccountNetworksChangedEvent(ACME, List.of(new Cidr("192.0.2.7")), AT),
                new SetAccountPasswordCommand(ACME, HASH, AT),
                new AccountPasswordSetEvent(ACME, HASH, AT),
                new ChangeAccountLimitsCommand(ACME, LIMITS, AT),
                new AccountLimitsChangedEvent(ACME, VolumeLimits.UNLIMITED, AT),
                new SuspendAccountCommand(ACME, "spam complaints, ticket 4711", AT),
                new AccountSuspendedEvent(ACME, "spam complaints, ticket 4711", AT),
                new ResumeAccountCommand(ACME, "", AT),
                new AccountResumedEvent(ACME, "cleaned up", AT),
                new MessageRejectedEvent("acme", "203.0.113.9", "news@shop.example",
                        List.of("alice@example.org"), RejectionReason.OVER_LIMIT,
                        "452 4.7.1 Hourly limit of 100 recipients reached for account acme", AT),
                new MessageRejectedEvent(null, "198.51.100.1", null, List.of(), RejectionReason.RELAY_DENIED,
                        "554 5.7.1 Relay access denied", AT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void messageSurvivesARoundTrip(Object message) throws Exception {
        String json = MAPPER.writeValueAsString(message);

        assertThat(MAPPER.readValue(json, message.getClass())).isEqualTo(message);
    }

    @Test
    void everyAccountEventAndCommandIsCovered() {
        Set<String> covered = messages().map(message -> message.getClass().getName()).collect(Collectors.toSet());
        Stream<String> declared = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.ledgermta.domain.account")
                .stream()
                .map(JavaClass::getName)
                .filter(name -> name.endsWith("Event") || name.endsWith("Command"));

        assertThat(declared).isNotEmpty().allMatch(covered::contains);
    }
}
