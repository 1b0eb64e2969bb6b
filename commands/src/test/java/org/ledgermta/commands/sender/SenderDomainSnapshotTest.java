package org.ledgermta.commands.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledgermta.commands.JacksonSnapshots.roundTrip;
import static org.ledgermta.commands.JacksonSnapshots.snapshot;
import static org.ledgermta.commands.sender.DkimKeys.REGISTERED_AT;
import static org.ledgermta.commands.sender.DkimKeys.key;

import java.time.Duration;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.CommandRefusedException;
import org.ledgermta.domain.DomainName;
import org.ledgermta.domain.sender.DkimKey;
import org.ledgermta.domain.sender.DkimKeyGeneratedEvent;
import org.ledgermta.domain.sender.DkimKeyRetiredEvent;
import org.ledgermta.domain.sender.DkimKeyRotatedEvent;
import org.ledgermta.domain.sender.DkimSelector;
import org.ledgermta.domain.sender.RegisterSenderDomainCommand;
import org.ledgermta.domain.sender.RetireDkimKeyCommand;
import org.ledgermta.domain.sender.RotateDkimKeyCommand;
import org.ledgermta.domain.sender.SenderDomainRegisteredEvent;
import org.ledgermta.domain.sender.SenderDomainRemovedEvent;

class SenderDomainSnapshotTest {

    private static final DomainName SHOP = new DomainName("shop.example");
    private static final DkimSelector MARCH = new DkimSelector("s2026-03");
    private static final DkimSelector SEPTEMBER = new DkimSelector("s2026-09");
    private static final DkimKey FIRST = key(MARCH.value(), 0);
    private static final DkimKey SECOND = key(SEPTEMBER.value(), 1);
    private static final Instant ROTATED_AT = REGISTERED_AT.plus(Duration.ofDays(180));
    private static final Instant GRACE_ENDS = ROTATED_AT.plus(Duration.ofDays(6));

    private static SenderDomain rotated() {
        SenderDomain domain = new SenderDomain();
        domain.on(new SenderDomainRegisteredEvent(SHOP, new AccountId("acme"), REGISTERED_AT));
        domain.on(new DkimKeyGeneratedEvent(SHOP, FIRST));
        domain.on(new DkimKeyGeneratedEvent(SHOP, SECOND));
        domain.on(new DkimKeyRotatedEvent(SHOP, SEPTEMBER, MARCH, GRACE_ENDS, ROTATED_AT));
        return domain;
    }

    @Test
    void snapshotRestoresEveryFieldAndTheKeysInTheirOrder() {
        SenderDomain original = rotated();

        SenderDomain restored = roundTrip(original);

        assertThat(restored).usingRecursiveComparison().isEqualTo(original);
        assertThat(restored.activeKey()).contains(SECOND);
        assertThat(restored.keysValidForVerification())
                .containsExactly(new PublishedDkimKey(SECOND, null), new PublishedDkimKey(FIRST, GRACE_ENDS));
    }

    @Test
    void domainRestoredFromASnapshotStillHoldsTheOldKeyForItsGrace() {
        new AggregateTestFixture<>(SenderDomain.class)
                .given(snapshot(roundTrip(rotated()), SHOP.value(), 3))
                .when(new RetireDkimKeyCommand(SHOP, MARCH, GRACE_ENDS.minusSeconds(1)))
                .expectException(CommandRefusedException.class);
        new AggregateTestFixture<>(SenderDomain.class)
                .given(snapshot(roundTrip(rotated()), SHOP.value(), 3))
                .when(new RotateDkimKeyCommand(SHOP, key(SEPTEMBER.value(), 2), Duration.ZERO, GRACE_ENDS))
                .expectException(CommandRefusedException.class);
        new AggregateTestFixture<>(SenderDomain.class)
                .given(snapshot(roundTrip(rotated()), SHOP.value(), 3))
                .when(new RetireDkimKeyCommand(SHOP, MARCH, GRACE_ENDS))
                .expectEvents(new DkimKeyRetiredEvent(SHOP, MARCH, GRACE_ENDS));
    }

    @Test
    void removedDomainRestoredFromASnapshotIsStillRemoved() {
        SenderDomain removed = rotated();
        removed.on(new SenderDomainRemovedEvent(SHOP, "ops-anna", GRACE_ENDS));

        assertThat(roundTrip(removed)).usingRecursiveComparison().isEqualTo(removed);
        new AggregateTestFixture<>(SenderDomain.class)
                .given(snapshot(roundTrip(removed), SHOP.value(), 4))
                .when(new RegisterSenderDomainCommand(SHOP, new AccountId("acme"), key("s2027-01", 3), GRACE_ENDS))
                .expectNoEvents()
                .expectException(CommandRefusedException.class);
    }
}
