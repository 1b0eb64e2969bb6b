package org.ledgermta.commands.egress;

import static org.hamcrest.Matchers.containsString;

import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.CommandRefusedException;
import org.ledgermta.domain.egress.AddEgressIpCommand;
import org.ledgermta.domain.egress.BlacklistEgressIpCommand;
import org.ledgermta.domain.egress.EgressIpAddedEvent;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.egress.EgressIpBlacklistedEvent;
import org.ledgermta.domain.egress.EgressIpReinstatedEvent;
import org.ledgermta.domain.egress.EgressIpRetiredEvent;
import org.ledgermta.domain.egress.PoolName;
import org.ledgermta.domain.egress.ReinstateEgressIpCommand;
import org.ledgermta.domain.egress.RetireEgressIpCommand;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.SmtpReply;

class EgressIpLifecycleTest {

    private static final EgressIpAddress IP = new EgressIpAddress("127.0.0.11");
    private static final PoolName POOL = new PoolName("shared");
    private static final Instant ADDED_AT = Instant.parse("2026-03-01T08:00:00Z");
    private static final Instant BLOCKED_AT = ADDED_AT.plusSeconds(3600);
    private static final Instant LATER = BLOCKED_AT.plusSeconds(3600);
    private static final MessageId MESSAGE = MessageId.of("Q0000001-test");
    private static final SmtpReply SPAMHAUS = new SmtpReply(554, "5.7.1",
            "Service unavailable; Client host [127.0.0.11] blocked using zen.spamhaus.org");

    private static final EgressIpAddedEvent ADDED = new EgressIpAddedEvent(IP, POOL, "out11.relay.example", ADDED_AT);
    private static final EgressIpBlacklistedEvent BLACKLISTED =
            new EgressIpBlacklistedEvent(IP, MESSAGE, 1, "Spamhaus", SPAMHAUS, BLOCKED_AT);
    private static final EgressIpRetiredEvent RETIRED = new EgressIpRetiredEvent(IP, "ops-anna", "", LATER);

    private FixtureConfiguration<EgressIp> fixture;

    @BeforeEach
    void createFixture() {
        fixture = new AggregateTestFixture<>(EgressIp.class);
    }

    private static BlacklistEgressIpCommand blacklist(Instant at) {
        return new BlacklistEgressIpCommand(IP, MESSAGE, 1, "Spamhaus", SPAMHAUS, at);
    }

    @Test
    void addedIpJoinsItsPool() {
        fixture.givenNoPriorActivity()
                .when(new AddEgressIpCommand(IP, POOL, "out11.relay.example", ADDED_AT))
                .expectEvents(ADDED);
    }

    @Test
    void addingAnIpTwiceIsRefused() {
        fixture.given(ADDED)
                .when(new AddEgressIpCommand(IP, POOL, "out11.relay.example", LATER))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString(
                        "Egress IP 127.0.0.11 was already added at " + ADDED_AT + " to pool shared"));
    }

    @Test
    void blockReportedByAReceiverBlacklistsAnActiveIp() {
        fixture.given(ADDED)
                .when(blacklist(BLOCKED_AT))
                .expectEvents(BLACKLISTED);
    }

    @Test
    void repeatedBlockReportsOfABlacklistedIpRecordNothing() {
        fixture.given(ADDED, BLACKLISTED)
                .when(blacklist(BLOCKED_AT.plusMillis(40)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void blockReportOfARetiredIpIsRefused() {
        fixture.given(ADDED, RETIRED)
                .when(blacklist(LATER.plusSeconds(1)))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("was retired at " + LATER));
    }

    @Test
    void operatorReinstatesABlacklistedIp() {
        fixture.given(ADDED, BLACKLISTED)
                .when(new ReinstateEgressIpCommand(IP, "ops-anna", "delisted by Spamhaus", LATER))
                .expectEvents(new EgressIpReinstatedEvent(IP, "ops-anna", "delisted by Spamhaus", LATER));
    }

    @Test
    void reinstatingAnActiveIpIsRefused() {
        fixture.given(ADDED)
                .when(new ReinstateEgressIpCommand(IP, "ops-anna", "", LATER))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("is ACTIVE since " + ADDED_AT + ", not blacklisted"));
    }

    @Test
    void activeIpIsRetired() {
        fixture.given(ADDED)
                .when(new RetireEgressIpCommand(IP, "ops-anna", "", LATER))
                .expectEvents(RETIRED);
    }

    @Test
    void blacklistedIpIsRetired() {
        fixture.given(ADDED, BLACKLISTED)
                .when(new RetireEgressIpCommand(IP, "ops-anna", null, LATER))
                .expectEvents(RETIRED);
    }

    @Test
    void retiringARetiredIpIsRefused() {
        fixture.given(ADDED, RETIRED)
                .when(new RetireEgressIpCommand(IP, "ops-anna", "", LATER.plusSeconds(1)))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("was already retired at " + LATER));
    }
}
