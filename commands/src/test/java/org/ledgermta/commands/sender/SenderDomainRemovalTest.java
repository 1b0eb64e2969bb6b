package org.ledgermta.commands.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledgermta.commands.sender.DkimKeys.REGISTERED_AT;
import static org.ledgermta.commands.sender.DkimKeys.key;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.CommandRefusedException;
import org.ledgermta.domain.DomainName;
import org.ledgermta.domain.sender.DkimKeyGeneratedEvent;
import org.ledgermta.domain.sender.DkimKeyRotatedEvent;
import org.ledgermta.domain.sender.DkimSelector;
import org.ledgermta.domain.sender.RegisterSenderDomainCommand;
import org.ledgermta.domain.sender.RemoveSenderDomainCommand;
import org.ledgermta.domain.sender.RetireDkimKeyCommand;
import org.ledgermta.domain.sender.RotateDkimKeyCommand;
import org.ledgermta.domain.sender.SenderDomainRegisteredEvent;
import org.ledgermta.domain.sender.SenderDomainRemovedEvent;

class SenderDomainRemovalTest {

    private static final DomainName SHOP = new DomainName("shop.example");
    private static final AccountId ACME = new AccountId("acme");
    private static final Instant ROTATED_AT = REGISTERED_AT.plus(Duration.ofDays(180));
    private static final Instant REMOVED_AT = ROTATED_AT.plus(Duration.ofDays(1));
    private static final Instant LATER = REMOVED_AT.plus(Duration.ofDays(30));

    private static final Object[] ROTATED_DOMAIN = {
        new SenderDomainRegisteredEvent(SHOP, ACME, REGISTERED_AT),
        new DkimKeyGeneratedEvent(SHOP, key("s2026-03", 0)),
        new DkimKeyGeneratedEvent(SHOP, key("s2026-09", 1)),
        new DkimKeyRotatedEvent(SHOP, new DkimSelector("s2026-09"), new DkimSelector("s2026-03"),
                ROTATED_AT.plus(Duration.ofDays(6)), ROTATED_AT)};
    private static final SenderDomainRemovedEvent REMOVED = new SenderDomainRemovedEvent(SHOP, "ops-anna", REMOVED_AT);

    private FixtureConfiguration<SenderDomain> fixture;

    @BeforeEach
    void createFixture() {
        fixture = new AggregateTestFixture<>(SenderDomain.class);
    }

    @Test
    void removedDomainHasNoKeyToSignOrPublish() {
        fixture.given(ROTATED_DOMAIN)
                .when(new RemoveSenderDomainCommand(SHOP, "ops-anna", REMOVED_AT))
                .expectEvents(REMOVED)
                .expectState(domain -> {
                    assertThat(domain.activeKey()).isEmpty();
                    assertThat(domain.keysValidForVerification()).isEmpty();
                    assertThat(domain.getPublishedKeys()).hasSize(2);
                });
    }

    static Stream<Object> everyCommand() {
        return Stream.of(
                new RegisterSenderDomainCommand(SHOP, ACME, key("s2027-01", 2), LATER),
                new RotateDkimKeyCommand(SHOP, key("s2027-01", 2), Duration.ofDays(6), LATER),
                new RetireDkimKeyCommand(SHOP, new DkimSelector("s2026-03"), LATER),
                new RemoveSenderDomainCommand(SHOP, "ops-ben", LATER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCommand")
    void everyCommandAfterRemovalIsRefusedNamingWhoRemovedIt(Object command) {
        fixture.given(ROTATED_DOMAIN)
                .andGiven(REMOVED)
                .when(command)
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("Sender domain shop.example was removed at " + REMOVED_AT
                        + " by ops-anna; a removed domain takes no further commands.");
    }
}
