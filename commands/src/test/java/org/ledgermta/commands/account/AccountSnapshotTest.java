package org.ledgermta.commands.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledgermta.commands.JacksonSnapshots.roundTrip;
import static org.ledgermta.commands.JacksonSnapshots.snapshot;

import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.CommandRefusedException;
import org.ledgermta.domain.account.AccountCreatedEvent;
import org.ledgermta.domain.account.AccountResumedEvent;
import org.ledgermta.domain.account.AccountSuspendedEvent;
import org.ledgermta.domain.account.ChangeAccountLimitsCommand;
import org.ledgermta.domain.account.ChangeAccountNetworksCommand;
import org.ledgermta.domain.account.Cidr;
import org.ledgermta.domain.account.PasswordHash;
import org.ledgermta.domain.account.ResumeAccountCommand;
import org.ledgermta.domain.account.SuspendAccountCommand;
import org.ledgermta.domain.limit.VolumeLimits;

class AccountSnapshotTest {

    private static final AccountId ACME = new AccountId("acme");
    private static final List<Cidr> NETWORKS = List.of(new Cidr("203.0.113.0/24"), new Cidr("2001:db8::/32"));
    private static final VolumeLimits LIMITS = new VolumeLimits(100L, null, 20_000L);
    private static final Instant CREATED_AT = Instant.parse("2026-03-01T08:00:00Z");
    private static final Instant SUSPENDED_AT = CREATED_AT.plusSeconds(3600);

    private static Account suspended() {
        Account account = new Account();
        account.on(new AccountCreatedEvent(ACME, NETWORKS,
                new PasswordHash("pbkdf2-sha256$1$c2FsdA==$Eg+2z/z4syxD5yJSVsT4N6hlSMkszDVICAWYfLcL4Xs="),
                LIMITS, CREATED_AT));
        account.on(new AccountSuspendedEvent(ACME, "spam complaints", SUSPENDED_AT));
        return account;
    }

    @Test
    void snapshotRestoresEveryField() {
        Account original = suspended();

        assertThat(roundTrip(original)).usingRecursiveComparison().isEqualTo(original);
    }

    @Test
    void accountRestoredFromASnapshotIsStillSuspendedWithItsSettings() {
        Instant later = SUSPENDED_AT.plusSeconds(60);
        new AggregateTestFixture<>(Account.class)
                .given(snapshot(roundTrip(suspended()), ACME.value(), 1))
                .when(new SuspendAccountCommand(ACME, "again", later))
                .expectException(CommandRefusedException.class);
        new AggregateTestFixture<>(Account.class)
                .given(snapshot(roundTrip(suspended()), ACME.value(), 1))
                .when(new ChangeAccountLimitsCommand(ACME, new VolumeLimits(100L, null, 20_000L), later))
                .expectNoEvents();
        new AggregateTestFixture<>(Account.class)
                .given(snapshot(roundTrip(suspended()), ACME.value(), 1))
                .when(new ChangeAccountNetworksCommand(ACME, NETWORKS, later))
                .expectNoEvents();
        new AggregateTestFixture<>(Account.class)
                .given(snapshot(roundTrip(suspended()), ACME.value(), 1))
                .when(new ResumeAccountCommand(ACME, "", later))
                .expectEvents(new AccountResumedEvent(ACME, "", later));
    }
}
