package org.ledgermta.commands.account;

import static org.hamcrest.Matchers.containsString;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.CommandRefusedException;
import org.ledgermta.domain.account.AccountCreatedEvent;
import org.ledgermta.domain.account.AccountLimitsChangedEvent;
import org.ledgermta.domain.account.AccountNetworksChangedEvent;
import org.ledgermta.domain.account.AccountPasswordSetEvent;
import org.ledgermta.domain.account.AccountResumedEvent;
import org.ledgermta.domain.account.AccountSuspendedEvent;
import org.ledgermta.domain.account.ChangeAccountLimitsCommand;
import org.ledgermta.domain.account.ChangeAccountNetworksCommand;
import org.ledgermta.domain.account.Cidr;
import org.ledgermta.domain.account.CreateAccountCommand;
import org.ledgermta.domain.account.PasswordHash;
import org.ledgermta.domain.account.ResumeAccountCommand;
import org.ledgermta.domain.account.SetAccountPasswordCommand;
import org.ledgermta.domain.account.SuspendAccountCommand;
import org.ledgermta.domain.limit.VolumeLimits;

class AccountLifecycleTest {

    private static final AccountId ACME = new AccountId("acme");
    private static final Cidr OFFICE = new Cidr("203.0.113.0/24");
    private static final Cidr SERVERS = new Cidr("2001:db8::/32");
    private static final PasswordHash HASH =
            new PasswordHash("pbkdf2-sha256$1$c2FsdA==$Eg+2z/z4syxD5yJSVsT4N6hlSMkszDVICAWYfLcL4Xs=");
    private static final PasswordHash OTHER_HASH =
            new PasswordHash("pbkdf2-sha256$1$c2FsdDI=$Eg+2z/z4syxD5yJSVsT4N6hlSMkszDVICAWYfLcL4Xs=");
    private static final VolumeLimits LIMITS = new VolumeLimits(100L, 1_000L, null);
    private static final Instant CREATED_AT = Instant.parse("2026-03-01T08:00:00Z");
    private static final Instant LATER = CREATED_AT.plusSeconds(3600);

    private static final AccountCreatedEvent CREATED =
            new AccountCreatedEvent(ACME, List.of(OFFICE, SERVERS), HASH, LIMITS, CREATED_AT);
    private static final AccountSuspendedEvent SUSPENDED =
            new AccountSuspendedEvent(ACME, "spam complaints, ticket 4711", LATER);

    private FixtureConfiguration<Account> fixture;

    @BeforeEach
    void createFixture() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    @Test
    void accountIsCreatedWithItsNetworksPasswordAndLimits() {
        fixture.givenNoPriorActivity()
                .when(new CreateAccountCommand(ACME, List.of(OFFICE, SERVERS), HASH, LIMITS, CREATED_AT))
                .expectEvents(CREATED);
    }

    @Test
    void accountThatRelaysByNetworkOnlyHasNoPassword() {
        fixture.givenNoPriorActivity()
                .when(new CreateAccountCommand(ACME, List.of(OFFICE), null, VolumeLimits.UNLIMITED, CREATED_AT))
                .expectEvents(new AccountCreatedEvent(ACME, List.of(OFFICE), null, VolumeLimits.UNLIMITED,
                        CREATED_AT));
    }

    @Test
    void creatingAnAccountTwiceIsRefused() {
        fixture.given(CREATED)
                .when(new CreateAccountCommand(ACME, List.of(), null, VolumeLimits.UNLIMITED, LATER))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("Account acme was already created at " + CREATED_AT));
    }

    @Test
    void changingAnUnknownAccountFindsNothing() {
        fixture.givenNoPriorActivity()
                .when(new ChangeAccountLimitsCommand(ACME, LIMITS, LATER))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void networksAreReplaced() {
        fixture.given(CREATED)
                .when(new ChangeAccountNetworksCommand(ACME, List.of(new Cidr("198.51.100.7")), LATER))
                .expectEvents(new AccountNetworksChangedEvent(ACME, List.of(new Cidr("198.51.100.7")), LATER));
    }

    @Test
    void networksMayBeEmptiedSoOnlyThePasswordRelays() {
        fixture.given(CREATED)
                .when(new ChangeAccountNetworksCommand(ACME, List.of(), LATER))
                .expectEvents(new AccountNetworksChangedEvent(ACME, List.of(), LATER));
    }

    @Test
    void theSameNetworksInAnotherOrderRecordNothing() {
        fixture.given(CREATED)
                .when(new ChangeAccountNetworksCommand(ACME, List.of(SERVERS, new Cidr("203.0.113.0/24")), LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void passwordIsSetByItsHashAlone() {
        fixture.given(CREATED)
                .when(new SetAccountPasswordCommand(ACME, OTHER_HASH, LATER))
                .expectEvents(new AccountPasswordSetEvent(ACME, OTHER_HASH, LATER));
    }

    @Test
    void passwordIsSetOnAnAccountThatHadNone() {
        fixture.given(new AccountCreatedEvent(ACME, List.of(OFFICE), null, LIMITS, CREATED_AT))
                .when(new SetAccountPasswordCommand(ACME, HASH, LATER))
                .expectEvents(new AccountPasswordSetEvent(ACME, HASH, LATER));
    }

    @Test
    void theSameHashRecordsNothing() {
        fixture.given(CREATED)
                .when(new SetAccountPasswordCommand(ACME, HASH, LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void limitsAreChanged() {
        VolumeLimits tighter = new VolumeLimits(10L, 100L, 500L);
        fixture.given(CREATED)
                .when(new ChangeAccountLimitsCommand(ACME, tighter, LATER))
                .expectEvents(new AccountLimitsChangedEvent(ACME, tighter, LATER));
    }

    @Test
    void theSameLimitsRecordNothing() {
        fixture.given(CREATED)
                .when(new ChangeAccountLimitsCommand(ACME, new VolumeLimits(100L, 1_000L, null), LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void activeAccountIsSuspended() {
        fixture.given(CREATED)
                .when(new SuspendAccountCommand(ACME, "spam complaints, ticket 4711", LATER))
                .expectEvents(SUSPENDED);
    }

    @Test
    void suspendingASuspendedAccountIsRefused() {
        fixture.given(CREATED, SUSPENDED)
                .when(new SuspendAccountCommand(ACME, "again", LATER.plusSeconds(1)))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("Account acme was already suspended at " + LATER));
    }

    @Test
    void suspendedAccountIsResumed() {
        fixture.given(CREATED, SUSPENDED)
                .when(new ResumeAccountCommand(ACME, "customer cleaned up", LATER.plusSeconds(60)))
                .expectEvents(new AccountResumedEvent(ACME, "customer cleaned up", LATER.plusSeconds(60)));
    }

    @Test
    void resumingAnActiveAccountIsRefused() {
        fixture.given(CREATED, SUSPENDED, new AccountResumedEvent(ACME, "", LATER.plusSeconds(60)))
                .when(new ResumeAccountCommand(ACME, "", LATER.plusSeconds(120)))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("Account acme is not suspended"));
    }

    @Test
    void suspendedAccountsSettingsMayStillChange() {
        fixture.given(CREATED, SUSPENDED)
                .when(new ChangeAccountNetworksCommand(ACME, List.of(OFFICE), LATER.plusSeconds(60)))
                .expectEvents(new AccountNetworksChangedEvent(ACME, List.of(OFFICE), LATER.plusSeconds(60)));
    }
}
