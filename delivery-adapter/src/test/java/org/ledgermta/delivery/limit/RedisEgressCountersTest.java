package org.ledgermta.delivery.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ledgermta.delivery.limit.RedisEgressCounters.IpAndProvider;
import org.ledgermta.delivery.limit.RedisEgressCounters.Reservation;
import org.ledgermta.delivery.testing.LocalRedis;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.provider.ProviderName;

/** The egress counters against a real Redis on 127.0.0.1:6379, each test under keys of its own. */
class RedisEgressCountersTest {

    private static final LocalDate DAY = LocalDate.parse("2026-11-28");
    private static final Instant NOW = Instant.parse("2026-11-28T10:17:42Z");
    private static final EgressIpAddress IP = new EgressIpAddress("127.0.0.13");
    private static final ProviderName GMAIL = new ProviderName("gmail");
    private static final ProviderName YAHOO = new ProviderName("yahoo");

    @RegisterExtension
    static final LocalRedis REDIS = new LocalRedis();

    private String prefix;
    private RedisEgressCounters counters;

    @BeforeEach
    void countersWithKeysOfTheirOwn() {
        prefix = "ledgermta-test:egress:" + UUID.randomUUID() + ":";
        counters = new RedisEgressCounters(REDIS.connection(), prefix, Duration.ofSeconds(2));
    }

    @AfterEach
    void deleteThisTestsKeys() {
        REDIS.deleteKeys(prefix);
    }

    @Test
    void nothingIsCountedBeforeTheDayIsRebuiltFromTheLedger() {
        assertThat(counters.reserve(IP, GMAIL, DAY, 50, NOW, -1)).isEqualTo(new Reservation.NeedsRebuild());
        assertThat(counters.built(DAY)).isFalse();

        assertThat(counters.rebuild(DAY, Map.of(new IpAndProvider(IP, GMAIL), 48L))).isTrue();
        assertThat(counters.rebuild(DAY, Map.of(new IpAndProvider(IP, GMAIL), 0L)))
                .as("a second rebuild (another node) changes nothing").isFalse();

        assertThat(counters.reserve(IP, GMAIL, DAY, 50, NOW, -1)).isEqualTo(new Reservation.Reserved(49, 1));
        assertThat(counters.reserve(IP, GMAIL, DAY, 50, NOW, -1)).isEqualTo(new Reservation.Reserved(50, 2));
        assertThat(counters.reserve(IP, GMAIL, DAY, 50, NOW, -1)).isEqualTo(new Reservation.DailyCapReached(50));
        assertThat(counters.reserve(IP, YAHOO, DAY, 50, NOW, -1)).as("another provider has its own count")
                .isEqualTo(new Reservation.Reserved(1, 1));
        assertThat(counters.sentOn(DAY)).containsExactly(Map.entry(new IpAndProvider(IP, GMAIL), 50L),
                Map.entry(new IpAndProvider(IP, YAHOO), 1L));
    }

    @Test
    void theMinuteRateHoldsWithinAMinuteAndStartsAgainInTheNext() {
        counters.rebuild(DAY, Map.of());
        assertThat(counters.reserve(IP, GMAIL, DAY, -1, NOW, 2)).isEqualTo(new Reservation.Reserved(1, 1));
        assertThat(counters.reserve(IP, GMAIL, DAY, -1, NOW.plusSeconds(10), 2)).isEqualTo(new Reservation.Reserved(2, 2));
        assertThat(counters.reserve(IP, GMAIL, DAY, -1, NOW.plusSeconds(17), 2))
                .isEqualTo(new Reservation.MinuteRateReached(2));
        assertThat(counters.reserve(IP, GMAIL, DAY, -1, NOW.plusSeconds(18), 2))
                .as("10:18:00 is the next minute").isEqualTo(new Reservation.Reserved(3, 1));
    }

    @Test
    void aReleasedReservationGivesItsPlaceBack() {
        counters.rebuild(DAY, Map.of());
        assertThat(counters.reserve(IP, GMAIL, DAY, 1, NOW, 1)).isInstanceOf(Reservation.Reserved.class);
        counters.release(IP, GMAIL, DAY, NOW);
        assertThat(counters.reserve(IP, GMAIL, DAY, 1, NOW, 1)).isEqualTo(new Reservation.Reserved(1, 1));
    }

    @Test
    void nodesRacingForTheLastPlacesNeverPassTheCap() throws Exception {
        counters.rebuild(DAY, Map.of());
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Reservation>> attempts = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                attempts.add(() -> counters.reserve(IP, GMAIL, DAY, 50, NOW, -1));
            }
            long reserved = 0;
            for (Future<Reservation> result : threads.invokeAll(attempts)) {
                reserved += result.get() instanceof Reservation.Reserved ? 1 : 0;
            }
            assertThat(reserved).isEqualTo(50);
            assertThat(counters.sentOn(DAY)).containsEntry(new IpAndProvider(IP, GMAIL), 50L);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void anUnreachableRedisIsSaidInASentence() {
        RedisEgressCounters broken = new RedisEgressCounters(REDIS.closedConnection(), prefix, Duration.ofMillis(200));
        assertThat(broken.reserve(IP, GMAIL, DAY, 50, NOW, -1)).isInstanceOfSatisfying(Reservation.Unavailable.class,
                unavailable -> assertThat(unavailable.reason()).startsWith("Redis "));
        assertThatThrownBy(() -> broken.rebuild(DAY, Map.of()))
                .isInstanceOf(EgressCountersUnavailableException.class).hasMessageStartingWith("Redis ");
    }
}
