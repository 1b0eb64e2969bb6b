package org.ledgermta.projections.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.egress.EgressIpAddedEvent;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.egress.EgressIpBackOffEndedEvent;
import org.ledgermta.domain.egress.EgressIpBackedOffEvent;
import org.ledgermta.domain.egress.EgressIpWarmUpPlanChangedEvent;
import org.ledgermta.domain.egress.PoolName;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.SmtpReply;
import org.ledgermta.domain.provider.ProviderName;

/** The pool as of an instant also says each IP's warm-up plan and the providers it was backed off towards then. */
class EgressPoolFoldWarmUpAndBackOffTest {

    private static final EgressIpAddress IP = new EgressIpAddress("127.0.0.13");
    private static final SmtpReply RATE = new SmtpReply(421, "4.7.28", "unusual rate of unsolicited mail");

    private static Instant at(String time) {
        return Instant.parse("2026-11-28T" + time + "Z");
    }

    private static EgressIpBackedOffEvent backedOff(String provider, Instant at) {
        return new EgressIpBackedOffEvent(IP, new ProviderName(provider), RATE, "rule", 10, Duration.ofMinutes(60), 3,
                MessageId.of("history-0001"), at);
    }

    @Test
    void planAndBackOffsAreAnsweredAsTheyWereAtEachInstant() {
        List<TimedEvent> events = List.of(
                new TimedEvent(new EgressIpAddedEvent(IP, new PoolName("shared"), "out13.mta.example", at("10:00:00"),
                        "0d=50,4d=unlimited", LocalDate.parse("2026-11-28")), at("10:00:00"), 0),
                new TimedEvent(backedOff("gmail", at("10:10:00")), at("10:10:00"), 1),
                new TimedEvent(backedOff("yahoo", at("10:20:00")), at("10:20:00"), 2),
                new TimedEvent(new EgressIpBackOffEndedEvent(IP, new ProviderName("gmail"), at("10:10:00"),
                        at("13:10:00")), at("13:10:00"), 3),
                new TimedEvent(new EgressIpWarmUpPlanChangedEvent(IP, "none", LocalDate.parse("2026-11-28"),
                        "ops-anna", "", at("14:00:00")), at("14:00:00"), 4));

        assertThat(List.of("10:05:00", "10:15:00", "12:00:00", "13:30:00", "14:00:00").stream()
                .map(time -> time + " " + EgressPoolFold.fold(events, at(time)).getFirst().warmUpPlan() + " "
                        + EgressPoolFold.fold(events, at(time)).getFirst().backedOffTowards()))
                .containsExactly(
                        "10:05:00 0d=50,4d=unlimited []",
                        "10:15:00 0d=50,4d=unlimited [gmail]",
                        "12:00:00 0d=50,4d=unlimited [gmail, yahoo]",
                        "13:30:00 0d=50,4d=unlimited [yahoo]",
                        "14:00:00 none [yahoo]");
    }
}
