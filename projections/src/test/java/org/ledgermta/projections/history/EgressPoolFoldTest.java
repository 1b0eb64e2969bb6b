package org.ledgermta.projections.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.egress.EgressIpAddedEvent;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.egress.EgressIpBlacklistedEvent;
import org.ledgermta.domain.egress.EgressIpReinstatedEvent;
import org.ledgermta.domain.egress.EgressIpRetiredEvent;
import org.ledgermta.domain.egress.PoolName;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.SmtpReply;

class EgressPoolFoldTest {

    private static final EgressIpAddress IP_11 = new EgressIpAddress("127.0.0.11");
    private static final EgressIpAddress IP_12 = new EgressIpAddress("127.0.0.12");
    private static final EgressIpAddress IP_13 = new EgressIpAddress("127.0.0.13");
    private static final PoolName SHARED = new PoolName("shared");
    private static final SmtpReply SPAMHAUS =
            new SmtpReply(554, "5.7.1", "Service unavailable; Client host [127.0.0.11] blocked using zen.spamhaus.org");
    private static final String SPAMHAUS_BLOCK =
            "Spamhaus: 554 5.7.1 Service unavailable; Client host [127.0.0.11] blocked using zen.spamhaus.org";

    private static Instant today(String time) {
        return Instant.parse("2026-11-28T" + time + "Z");
    }

    /** Several IPs' streams, each numbered from 0 as Axon numbers one aggregate's events. */
    private static final class Ledger {
        private final List<TimedEvent> events = new ArrayList<>();
        private final Map<EgressIpAddress, Long> sequences = new HashMap<>();

        Ledger recorded(EgressIpAddress ip, Instant timestamp, Object payload) {
            long sequence = sequences.merge(ip, 1L, Long::sum) - 1;
            events.add(new TimedEvent(payload, timestamp, sequence));
            return this;
        }

        List<EgressIpState> asOf(Instant at) {
            return EgressPoolFold.fold(events, at);
        }
    }

    private static EgressIpAddedEvent added(EgressIpAddress ip, Instant at) {
        return new EgressIpAddedEvent(ip, SHARED, "out" + ip.value().substring(ip.value().lastIndexOf('.') + 1)
                + ".mta.example", at);
    }

    /** .11 and .12 added at 10:00, .11 blacklisted at 10:02 and reinstated at 10:05. */
    private static Ledger blacklistedAndReinstated() {
        return new Ledger()
                .recorded(IP_11, today("10:00:00"), added(IP_11, today("10:00:00")))
                .recorded(IP_12, today("10:00:00.010"), added(IP_12, today("10:00:00.010")))
                .recorded(IP_11, today("10:02:00"), new EgressIpBlacklistedEvent(IP_11, MessageId.of("history-0001"), 1,
                        "Spamhaus", SPAMHAUS, today("10:02:00")))
                .recorded(IP_11, today("10:05:00"), new EgressIpReinstatedEvent(IP_11, "operator", "delisted",
                        today("10:05:00")));
    }

    @Test
    void blacklistedIpIsOutOfThePoolUntilItsReinstatement() {
        Ledger ledger = blacklistedAndReinstated();

        assertThat(ledger.asOf(today("09:59:00"))).isEmpty();
        assertThat(ledger.asOf(today("10:01:00"))).containsExactly(
                new EgressIpState("127.0.0.11", "shared", "out11.mta.example", "ACTIVE", null, today("10:00:00")),
                new EgressIpState("127.0.0.12", "shared", "out12.mta.example", "ACTIVE", null, today("10:00:00.010")));
        assertThat(ledger.asOf(today("10:03:00"))).containsExactly(
                new EgressIpState("127.0.0.11", "shared", "out11.mta.example", "BLACKLISTED", SPAMHAUS_BLOCK,
                        today("10:02:00")),
                new EgressIpState("127.0.0.12", "shared", "out12.mta.example", "ACTIVE", null, today("10:00:00.010")));
        // the block that took it out stays on record after the reinstatement, as in the pool view
        assertThat(ledger.asOf(today("10:06:00"))).containsExactly(
                new EgressIpState("127.0.0.11", "shared", "out11.mta.example", "ACTIVE", SPAMHAUS_BLOCK,
                        today("10:05:00")),
                new EgressIpState("127.0.0.12", "shared", "out12.mta.example", "ACTIVE", null, today("10:00:00.010")));
    }

    @Test
    void eachInstantSeesTheStateOfEveryIpAtThatInstant() {
        Ledger ledger = blacklistedAndReinstated()
                .recorded(IP_13, today("10:04:00"), added(IP_13, today("10:04:00")))
                .recorded(IP_12, today("10:08:00"), new EgressIpRetiredEvent(IP_12, "operator", "returned to ISP",
                        today("10:08:00")));

        // table: instant -> the states of .11, .12, .13 (absent: not in the pool yet)
        String[][] table = {
                {"09:59:59", null, null, null},
                {"10:00:00", "ACTIVE", null, null},
                {"10:00:00.010", "ACTIVE", "ACTIVE", null},
                {"10:02:00", "BLACKLISTED", "ACTIVE", null},
                {"10:04:00", "BLACKLISTED", "ACTIVE", "ACTIVE"},
                {"10:05:00", "ACTIVE", "ACTIVE", "ACTIVE"},
                {"10:08:00", "ACTIVE", "RETIRED", "ACTIVE"},
        };
        for (String[] row : table) {
            Map<String, String> states = new HashMap<>();
            ledger.asOf(today(row[0])).forEach(ip -> states.put(ip.address(), ip.state()));
            Map<String, String> expected = new HashMap<>();
            for (int i = 1; i <= 3; i++) {
                if (row[i] != null) {
                    expected.put("127.0.0." + (10 + i), row[i]);
                }
            }
            assertThat(states).as("pool as of %s", row[0]).isEqualTo(expected);
        }
    }

    @Test
    void interleavedStreamsOfSeveralIpsAreFoldedEachInItsOwnOrder() {
        Ledger ledger = blacklistedAndReinstated();
        List<TimedEvent> shuffled = new ArrayList<>(ledger.events);
        Collections.shuffle(shuffled, new Random(11));

        for (String time : List.of("10:01:00", "10:03:00", "10:06:00")) {
            assertThat(EgressPoolFold.fold(shuffled, today(time))).isEqualTo(ledger.asOf(today(time)));
        }
    }

    @Test
    void ipsAreListedByAddressTextAsThePoolViewListsThem() {
        EgressIpAddress ip9 = new EgressIpAddress("127.0.0.9");
        Ledger ledger = new Ledger()
                .recorded(ip9, today("10:00:00"), added(ip9, today("10:00:00")))
                .recorded(IP_12, today("10:00:00"), added(IP_12, today("10:00:00")))
                .recorded(IP_11, today("10:00:00"), added(IP_11, today("10:00:00")));

        assertThat(ledger.asOf(today("10:00:00"))).extracting(EgressIpState::address)
                .containsExactly("127.0.0.11", "127.0.0.12", "127.0.0.9");
    }

    @Test
    void changesToAnIpNotYetAddedAndForeignEventsAreIgnored() {
        List<TimedEvent> events = List.of(
                new TimedEvent(new EgressIpBlacklistedEvent(IP_11, MessageId.of("history-0001"), 1, "Spamhaus",
                        SPAMHAUS, today("09:00:00")), today("09:00:00"), 0),
                new TimedEvent("a snapshot", today("09:00:00"), 1));

        assertThat(EgressPoolFold.fold(events, today("10:00:00"))).isEmpty();
        assertThat(EgressPoolFold.fold(null, today("10:00:00"))).isEmpty();
    }
}
