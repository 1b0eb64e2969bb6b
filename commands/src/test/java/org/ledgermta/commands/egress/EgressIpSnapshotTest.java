package org.ledgermta.commands.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledgermta.commands.JacksonSnapshots.roundTrip;
import static org.ledgermta.commands.JacksonSnapshots.snapshot;

import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.egress.EgressIpAddedEvent;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.egress.EgressIpBlacklistedEvent;
import org.ledgermta.domain.egress.EgressIpReinstatedEvent;
import org.ledgermta.domain.egress.PoolName;
import org.ledgermta.domain.egress.ReinstateEgressIpCommand;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.SmtpReply;

class EgressIpSnapshotTest {

    private static final EgressIpAddress IP = new EgressIpAddress("2001:db8::11");
    private static final Instant ADDED_AT = Instant.parse("2026-03-01T08:00:00Z");
    private static final Instant BLOCKED_AT = ADDED_AT.plusSeconds(3600);

    private static EgressIp blacklisted() {
        EgressIp ip = new EgressIp();
        ip.on(new EgressIpAddedEvent(IP, new PoolName("shared"), "out11.relay.example", ADDED_AT));
        ip.on(new EgressIpBlacklistedEvent(IP, MessageId.of("Q0000001-test"), 2, "Spamhaus",
                new SmtpReply(554, "5.7.1", "blocked using zen.spamhaus.org"), BLOCKED_AT));
        return ip;
    }

    @Test
    void snapshotRestoresEveryField() {
        EgressIp original = blacklisted();

        assertThat(roundTrip(original)).usingRecursiveComparison().isEqualTo(original);
    }

    @Test
    void ipRestoredFromASnapshotIsStillBlacklisted() {
        Instant later = BLOCKED_AT.plusSeconds(60);
        new AggregateTestFixture<>(EgressIp.class)
                .given(snapshot(roundTrip(blacklisted()), IP.value(), 1))
                .when(new ReinstateEgressIpCommand(IP, "ops-anna", "delisted", later))
                .expectEvents(new EgressIpReinstatedEvent(IP, "ops-anna", "delisted", later));
    }
}
