package org.ledgermta.commands.egress;

import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.CommandRefusedException;
import org.ledgermta.domain.egress.AddEgressIpCommand;
import org.ledgermta.domain.egress.BackOffEgressIpCommand;
import org.ledgermta.domain.egress.ChangeEgressIpWarmUpPlanCommand;
import org.ledgermta.domain.egress.EgressIpAddedEvent;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.egress.EgressIpBackOffEndedEvent;
import org.ledgermta.domain.egress.EgressIpBackedOffEvent;
import org.ledgermta.domain.egress.EgressIpWarmUpPlanChangedEvent;
import org.ledgermta.domain.egress.EndEgressIpBackOffCommand;
import org.ledgermta.domain.egress.PoolName;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.SmtpReply;
import org.ledgermta.domain.provider.ProviderName;

/** An IP's warm-up plan and its back-offs towards providers, as facts in the ledger. */
class EgressIpWarmUpAndBackOffTest {

    private static final EgressIpAddress IP = new EgressIpAddress("127.0.0.13");
    private static final PoolName POOL = new PoolName("shared");
    private static final Instant ADDED_AT = Instant.parse("2026-11-01T08:00:00Z");
    private static final LocalDate FIRST_DAY = LocalDate.parse("2026-11-01");
    private static final ProviderName GMAIL = new ProviderName("gmail");
    private static final SmtpReply RATE = new SmtpReply(421, "4.7.28",
            "Our system has detected an unusual rate of unsolicited mail originating from your IP address.");
    private static final MessageId MESSAGE = MessageId.of("Q0000001-test");
    private static final Instant BACKED_OFF_AT = ADDED_AT.plusSeconds(3600);

    private static final EgressIpAddedEvent ADDED = new EgressIpAddedEvent(IP, POOL, "out13.relay.example", ADDED_AT,
            "0d=50,4d=100,8d=unlimited", FIRST_DAY);
    private static final EgressIpBackedOffEvent BACKED_OFF = new EgressIpBackedOffEvent(IP, GMAIL, RATE, "gmail rule",
            10, Duration.ofMinutes(60), 3, MESSAGE, BACKED_OFF_AT);

    private FixtureConfiguration<EgressIp> fixture;

    @BeforeEach
    void createFixture() {
        fixture = new AggregateTestFixture<>(EgressIp.class);
    }

    private static BackOffEgressIpCommand backOff(Instant at) {
        return new BackOffEgressIpCommand(IP, GMAIL, RATE, "gmail rule", 10, Duration.ofMinutes(60), 3, MESSAGE, at);
    }

    @Test
    void aNewIpIsAddedWithItsPlanInItsCanonicalText() {
        fixture.givenNoPriorActivity()
                .when(new AddEgressIpCommand(IP, POOL, "out13.relay.example", ADDED_AT, "0d=50, 4d=100, 8d=unlimited",
                        FIRST_DAY))
                .expectEvents(ADDED);
    }

    @Test
    void aPlanThatDoesNotParseIsRefusedNamingTheIp() {
        fixture.givenNoPriorActivity()
                .when(new AddEgressIpCommand(IP, POOL, "out13.relay.example", ADDED_AT, "4d=50", FIRST_DAY))
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("warm-up plan '4d=50' for egress IP 127.0.0.13 is not valid"));
    }

    @Test
    void changingThePlanIsRecordedAndTheSamePlanAgainIsNot() {
        Instant at = ADDED_AT.plusSeconds(86_400);
        fixture.given(ADDED)
                .when(new ChangeEgressIpWarmUpPlanCommand(IP, "none", FIRST_DAY, "ops-anna", "seasoned now", at))
                .expectEvents(new EgressIpWarmUpPlanChangedEvent(IP, "none", FIRST_DAY, "ops-anna", "seasoned now", at));
        fixture.given(ADDED)
                .when(new ChangeEgressIpWarmUpPlanCommand(IP, "0d=50,4d=100,8d=unlimited", FIRST_DAY, "configuration",
                        "mta.warm-up.ips", at))
                .expectNoEvents();
    }

    @Test
    void aProvidersRateReplyStartsABackOff() {
        fixture.given(ADDED).when(backOff(BACKED_OFF_AT)).expectEvents(BACKED_OFF);
    }

    @Test
    void theSameReplyDuringTheFirstStepIsNoNewFactButLaterItStartsTheBackOffAgain() {
        fixture.given(ADDED, BACKED_OFF).when(backOff(BACKED_OFF_AT.plusSeconds(59 * 60))).expectNoEvents();
        Instant secondStep = BACKED_OFF_AT.plusSeconds(61 * 60);
        fixture.given(ADDED, BACKED_OFF).when(backOff(secondStep))
                .expectEvents(new EgressIpBackedOffEvent(IP, GMAIL, RATE, "gmail rule", 10, Duration.ofMinutes(60), 3,
                        MESSAGE, secondStep));
    }

    @Test
    void aBackOffEndsOnceItsTimeIsUpAndOnlyThen() {
        Instant end = BACKED_OFF_AT.plus(Duration.ofMinutes(180));
        fixture.given(ADDED, BACKED_OFF).when(new EndEgressIpBackOffCommand(IP, GMAIL, end.minusSeconds(1)))
                .expectNoEvents();
        fixture.given(ADDED, BACKED_OFF).when(new EndEgressIpBackOffCommand(IP, GMAIL, end))
                .expectEvents(new EgressIpBackOffEndedEvent(IP, GMAIL, BACKED_OFF_AT, end));
        fixture.given(ADDED, BACKED_OFF, new EgressIpBackOffEndedEvent(IP, GMAIL, BACKED_OFF_AT, end))
                .when(new EndEgressIpBackOffCommand(IP, GMAIL, end.plusSeconds(5)))
                .expectNoEvents();
    }

    @Test
    void anIpAddedBeforePlansExistedReadsAsSeasoned() {
        fixture.given(new EgressIpAddedEvent(IP, POOL, "out13.relay.example", ADDED_AT, null, null))
                .when(new ChangeEgressIpWarmUpPlanCommand(IP, "none", FIRST_DAY, "configuration", "", ADDED_AT))
                .expectNoEvents();
    }
}
