package org.ledgermta.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ledgermta.domain.account.AccountMessagesRoundTripThroughJacksonTest;
import org.ledgermta.domain.egress.AddEgressIpCommand;
import org.ledgermta.domain.egress.BlacklistEgressIpCommand;
import org.ledgermta.domain.egress.EgressIpAddedEvent;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.egress.EgressIpBlacklistedEvent;
import org.ledgermta.domain.egress.EgressIpReinstatedEvent;
import org.ledgermta.domain.egress.EgressIpRetiredEvent;
import org.ledgermta.domain.egress.BackOffEgressIpCommand;
import org.ledgermta.domain.egress.ChangeEgressIpWarmUpPlanCommand;
import org.ledgermta.domain.egress.EgressIpBackOffEndedEvent;
import org.ledgermta.domain.egress.EgressIpBackedOffEvent;
import org.ledgermta.domain.egress.EgressIpWarmUpPlanChangedEvent;
import org.ledgermta.domain.egress.EndEgressIpBackOffCommand;
import org.ledgermta.domain.message.DeliveryPostponedEvent;
import org.ledgermta.domain.message.PostponeDeliveryCommand;
import org.ledgermta.domain.provider.ProviderName;
import org.ledgermta.domain.egress.PoolName;
import org.ledgermta.domain.egress.ReinstateEgressIpCommand;
import org.ledgermta.domain.egress.RetireEgressIpCommand;
import org.ledgermta.domain.message.AcceptMessageCommand;
import org.ledgermta.domain.message.BounceNotificationIssuedEvent;
import org.ledgermta.domain.message.DeleteMessageCommand;
import org.ledgermta.domain.message.DeliveryAttemptedEvent;
import org.ledgermta.domain.message.DeliveryDeferredEvent;
import org.ledgermta.domain.message.DeliveryRetryScheduledEvent;
import org.ledgermta.domain.message.ExpireMessageCommand;
import org.ledgermta.domain.message.HoldMessageCommand;
import org.ledgermta.domain.message.MessageAcceptedEvent;
import org.ledgermta.domain.message.MessageBody;
import org.ledgermta.domain.message.MessageBouncedEvent;
import org.ledgermta.domain.message.MessageDeletedEvent;
import org.ledgermta.domain.message.MessageDeliveredEvent;
import org.ledgermta.domain.message.MessageExpiredEvent;
import org.ledgermta.domain.message.MessageHeldEvent;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.MessageReleasedEvent;
import org.ledgermta.domain.message.RecipientOutcome;
import org.ledgermta.domain.message.RecipientResult;
import org.ledgermta.domain.message.RecordBounceNotificationCommand;
import org.ledgermta.domain.message.RecordDeliveryAttemptCommand;
import org.ledgermta.domain.message.ReleaseMessageCommand;
import org.ledgermta.domain.message.ScheduleDeliveryRetryCommand;
import org.ledgermta.domain.message.SmtpReply;
import org.ledgermta.domain.sender.AccountSenderPolicyChangedEvent;
import org.ledgermta.domain.sender.ChangeAccountSenderPolicyCommand;
import org.ledgermta.domain.sender.DkimAlgorithm;
import org.ledgermta.domain.sender.DkimKey;
import org.ledgermta.domain.sender.DkimKeyGeneratedEvent;
import org.ledgermta.domain.sender.DkimKeyRetiredEvent;
import org.ledgermta.domain.sender.DkimKeyRotatedEvent;
import org.ledgermta.domain.sender.DkimSelector;
import org.ledgermta.domain.sender.MessageSignatureSkippedEvent;
import org.ledgermta.domain.sender.RegisterSenderDomainCommand;
import org.ledgermta.domain.sender.RemoveSenderDomainCommand;
import org.ledgermta.domain.sender.RetireDkimKeyCommand;
import org.ledgermta.domain.sender.RotateDkimKeyCommand;
import org.ledgermta.domain.sender.SenderDomainRegisteredEvent;
import org.ledgermta.domain.sender.SenderDomainRemovedEvent;
import org.ledgermta.domain.sender.SenderPolicy;

/**
 * Events live in the store for years and commands may cross a process boundary, so each must survive
 * Jackson unchanged, with no helper method leaking in as an extra property (the mapper fails on unknown
 * properties, as by default).
 */
class EventsRoundTripThroughJacksonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule());

    private static final MessageId ID = MessageId.of("Q0000001-test");
    private static final MessageId DSN = MessageId.of("Q0000002-dsn");
    private static final EmailAddress ALICE = new EmailAddress("Alice@example.org");
    private static final EmailAddress BOB = new EmailAddress("bob@example.net");
    private static final EgressIpAddress IP_V4 = new EgressIpAddress("127.0.0.11");
    private static final EgressIpAddress IP_V6 = new EgressIpAddress("2001:db8::11");
    private static final Instant AT = Instant.parse("2026-03-02T10:00:00.123456789Z");
    private static final Instant LATER = AT.plus(Duration.ofDays(5));
    private static final SmtpReply OK = new SmtpReply(250, "2.0.0", "Ok: queued as 4F2A1");
    private static final SmtpReply BLOCKED = new SmtpReply(554, "", "blocked using zen.spamhaus.org");
    private static final List<RecipientResult> RESULTS = List.of(
            new RecipientResult(ALICE, OK, RecipientOutcome.DELIVERED),
            new RecipientResult(BOB, BLOCKED, RecipientOutcome.EGRESS_BLOCKED));
    private static final MessageBody BODY =
            new MessageBody("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", 1234);
    private static final DomainName SHOP = new DomainName("shop.example");
    private static final DkimSelector S1 = new DkimSelector("s2026-03");
    private static final DkimSelector S2 = new DkimSelector("s2026-09");
    private static final DkimKey KEY = new DkimKey(S1, DkimAlgorithm.ED25519,
            "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=", "vault:v1:c2VhbGVkIHByaXZhdGUga2V5", AT);

    private static final ProviderName GMAIL = new ProviderName("gmail");

    static Stream<Object> messages() {
        return Stream.of(
                new AcceptMessageCommand(ID, new AccountId("acme"), ReversePath.nullSender(), List.of(ALICE, BOB),
                        BODY, null, "Shop <news@shop.example>", "192.0.2.7", IntakeRoute.HTTP, AT, LATER),
                new MessageAcceptedEvent(ID, new AccountId("acme"), new ReversePath("news@shop.example"),
                        List.of(ALICE, BOB), BODY, "<abc@shop.example>", null, "", IntakeRoute.BOUNCE, AT, LATER),
                new RecordDeliveryAttemptCommand(ID, IP_V6, "mx1.example.org", "2001:db8::25", true,
                        Duration.ofMillis(420), RESULTS, AT, GMAIL),
                new DeliveryAttemptedEvent(ID, 1, List.of(ALICE, BOB), IP_V4, "mx1.example.org", "192.0.2.25",
                        false, RESULTS, Duration.ofMillis(420), AT, GMAIL),
                new DeliveryAttemptedEvent(ID, 1, List.of(ALICE, BOB), IP_V4, "mx1.example.org", "192.0.2.25",
                        false, RESULTS, Duration.ofMillis(420), AT, null),
                new PostponeDeliveryCommand(ID, new DomainName("example.org"), GMAIL,
                        "gmail: no egress IP may send now", LATER, AT),
                new DeliveryPostponedEvent(ID, new DomainName("example.org"), GMAIL,
                        "gmail: no egress IP may send now", LATER, AT),
                new MessageDeliveredEvent(ID, 1, List.of(ALICE), IP_V4, "mx1.example.org", OK, AT),
                new DeliveryDeferredEvent(ID, 1, List.of(BOB), BLOCKED, true, Set.of(IP_V4, IP_V6), AT, LATER),
                new ScheduleDeliveryRetryCommand(ID, LATER, Set.of(IP_V4), AT),
                new DeliveryRetryScheduledEvent(ID, LATER, Set.of(IP_V4, IP_V6), AT),
                new MessageBouncedEvent(ID, 2, List.of(BOB), new SmtpReply(550, "5.1.1", "No such user"), AT),
                new ExpireMessageCommand(ID, LATER),
                new MessageExpiredEvent(ID, List.of(BOB), LATER, LATER),
                new RecordBounceNotificationCommand(ID, DSN, LATER),
                new BounceNotificationIssuedEvent(ID, DSN, LATER),
                new HoldMessageCommand(ID, "ops-anna", "compromised account, ticket 4711", AT),
                new MessageHeldEvent(ID, "ops-anna", "compromised account, ticket 4711", AT),
                new ReleaseMessageCommand(ID, "ops-anna", LATER),
                new MessageReleasedEvent(ID, "ops-anna", LATER),
                new DeleteMessageCommand(ID, "ops-anna", "spam, ticket 4711", LATER),
                new MessageDeletedEvent(ID, List.of(ALICE, BOB), "ops-anna", "spam, ticket 4711", LATER),
                new AddEgressIpCommand(IP_V4, new PoolName("shared"), "out11.relay.example", AT, "0d=50,4d=unlimited",
                        LocalDate.parse("2026-03-01")),
                new EgressIpAddedEvent(IP_V4, new PoolName("shared"), "out11.relay.example", AT, "0d=50,4d=unlimited",
                        LocalDate.parse("2026-03-01")),
                new ChangeEgressIpWarmUpPlanCommand(IP_V4, "none", LocalDate.parse("2026-03-01"), "ops-anna", "", AT),
                new EgressIpWarmUpPlanChangedEvent(IP_V4, "none", LocalDate.parse("2026-03-01"), "ops-anna", "", AT),
                new BackOffEgressIpCommand(IP_V4, GMAIL, BLOCKED, "gmail 421 4.7.28", 10, Duration.ofMinutes(60), 4,
                        ID, AT),
                new EgressIpBackedOffEvent(IP_V4, GMAIL, BLOCKED, "gmail 421 4.7.28", 10, Duration.ofMinutes(60), 4,
                        ID, AT),
                new EndEgressIpBackOffCommand(IP_V4, GMAIL, LATER),
                new EgressIpBackOffEndedEvent(IP_V4, GMAIL, AT, LATER),
                new BlacklistEgressIpCommand(IP_V4, ID, 1, "Spamhaus", BLOCKED, AT),
                new EgressIpBlacklistedEvent(IP_V4, ID, 1, "unknown", BLOCKED, AT),
                new ReinstateEgressIpCommand(IP_V4, "ops-anna", "delisted", LATER),
                new EgressIpReinstatedEvent(IP_V4, "ops-anna", "delisted", LATER),
                new RetireEgressIpCommand(IP_V4, "ops-anna", "", LATER),
                new EgressIpRetiredEvent(IP_V4, "ops-anna", "", LATER),
                new RegisterSenderDomainCommand(SHOP, new AccountId("acme"), KEY, AT),
                new SenderDomainRegisteredEvent(SHOP, new AccountId("acme"), AT),
                new DkimKeyGeneratedEvent(SHOP, KEY),
                new RotateDkimKeyCommand(SHOP, KEY, Duration.ofDays(7), AT),
                new DkimKeyRotatedEvent(SHOP, S2, S1, LATER, AT),
                new RetireDkimKeyCommand(SHOP, S1, LATER),
                new DkimKeyRetiredEvent(SHOP, S1, LATER),
                new RemoveSenderDomainCommand(SHOP, "ops-anna", LATER),
                new SenderDomainRemovedEvent(SHOP, "ops-anna", LATER),
                new MessageSignatureSkippedEvent("Q0000001-test", "acme", "shop.example",
                        "From domain shop.example is not a registered sender domain of account acme", AT),
                new MessageSignatureSkippedEvent("Q0000001-test", "acme", null, "the message has no From domain",
                        AT),
                new ChangeAccountSenderPolicyCommand(new AccountId("acme"), SenderPolicy.REFUSE, AT),
                new AccountSenderPolicyChangedEvent(new AccountId("acme"), SenderPolicy.ACCEPT_AND_FLAG, AT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void messageSurvivesARoundTrip(Object message) throws Exception {
        String json = MAPPER.writeValueAsString(message);

        assertThat(MAPPER.readValue(json, message.getClass())).isEqualTo(message);
    }

    @Test
    void everyEventAndCommandIsCovered() {
        // the account package keeps its own catalogue of examples
        Set<String> covered = Stream.concat(messages(), AccountMessagesRoundTripThroughJacksonTest.messages())
                .map(message -> message.getClass().getName())
                .collect(java.util.stream.Collectors.toSet());
        Stream<String> declared = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.ledgermta.domain")
                .stream()
                .map(JavaClass::getName)
                .filter(name -> name.endsWith("Event") || name.endsWith("Command"));

        assertThat(declared).isNotEmpty().allMatch(covered::contains);
    }
}
