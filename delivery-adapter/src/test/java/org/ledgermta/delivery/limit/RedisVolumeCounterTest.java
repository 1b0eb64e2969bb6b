package org.ledgermta.delivery.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ledgermta.delivery.testing.StallingTcpRelay;
import org.ledgermta.domain.limit.LimitDecision;
import org.ledgermta.domain.limit.LimitWindow;
import org.ledgermta.domain.limit.VolumeLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedisVolumeCounterTest {

    private static final String REDIS_HOST = "127.0.0.1";
    private static final int REDIS_PORT = 6379;
    private static final Instant NOW = Instant.parse("2026-11-28T10:17:42.250Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private String prefix;
    private RedisVolumeCounter counter;
    private RedisCommands<String, String> redis;

    @BeforeAll
    static void connect() {
        client = RedisClient.create(RedisURI.create(REDIS_HOST, REDIS_PORT));
        connection = client.connect();
    }

    @AfterAll
    static void disconnect() {
        connection.close();
        client.shutdown();
    }

    @BeforeEach
    void counterWithAPrefixOfItsOwn() {
        prefix = "ledgermta-test:volume:" + UUID.randomUUID() + ":";
        counter = new RedisVolumeCounter(connection, prefix, TIMEOUT);
        redis = connection.sync();
    }

    @AfterEach
    void deleteThisTestsKeys() throws Exception {
        for (AutoCloseable closeable : toClose.reversed()) {
            closeable.close();
        }
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(1000));
            if (!page.getKeys().isEmpty()) {
                redis.del(page.getKeys().toArray(String[]::new));
            }
            cursor = page;
        } while (!cursor.isFinished());
    }

    @Test
    void everyRecipientIsCountedInEveryWindowUnderKeysPerWindowStart() {
        VolumeLimits limits = new VolumeLimits(100L, 1000L, null);

        assertThat(counter.tryConsume("hosting-7", limits, 3, NOW)).isEqualTo(counted(3, 3, 3));
        assertThat(counter.tryConsume("hosting-7", limits, 2, NOW)).isEqualTo(counted(5, 5, 5));

        assertThat(counter.usage("hosting-7", NOW)).isEqualTo(counts(5, 5, 5));
        // 2026-11-28T10:17:00Z, 10:00:00Z and 00:00:00Z in epoch seconds
        assertThat(redis.get(prefix + "hosting-7:minute:1795861020")).isEqualTo("5");
        assertThat(redis.get(prefix + "hosting-7:hour:1795860000")).isEqualTo("5");
        assertThat(redis.get(prefix + "hosting-7:day:1795824000")).isEqualTo("5");
    }

    @Test
    void countersExpireAWindowLengthPlusTheMarginAfterCounting() {
        counter.tryConsume("hosting-7", VolumeLimits.UNLIMITED, 1, NOW);

        for (LimitWindow window : LimitWindow.values()) {
            long expected = window.length().plus(RedisVolumeCounter.EXPIRY_MARGIN).toSeconds();
            assertThat(redis.ttl(counter.key("hosting-7", window, NOW))).as(window.name())
                    .isBetween(expected - 5, expected);
        }
    }

    @Test
    void anAccountWithoutCountsHasUsedNothing() {
        assertThat(counter.usage("never-sent", NOW)).isEqualTo(counts(0, 0, 0));
    }

    @Test
    void accountsAreCountedApart() {
        VolumeLimits limits = new VolumeLimits(2L, null, null);
        counter.tryConsume("hosting-7", limits, 2, NOW);

        assertThat(counter.tryConsume("hosting-8", limits, 2, NOW)).isEqualTo(counted(2, 2, 2));
        assertThat(counter.tryConsume("hosting-7", limits, 1, NOW)).isInstanceOf(VolumeCheck.OverLimit.class);
    }

    @Test
    void refusalAtTheLimitLeavesEveryCounterUnchanged() {
        VolumeLimits limits = new VolumeLimits(5L, 1000L, 20000L);
        assertThat(counter.tryConsume("hosting-7", limits, 4, NOW)).isEqualTo(counted(4, 4, 4));

        // a message with more recipients than the room left is refused whole, not counted in part
        assertThat(counter.tryConsume("hosting-7", limits, 2, NOW)).isEqualTo(new VolumeCheck.OverLimit(
                new LimitDecision.Exceeded(LimitWindow.MINUTE, 5, 4, 2, Instant.parse("2026-11-28T10:18:00Z"))));
        assertThat(counter.usage("hosting-7", NOW)).isEqualTo(counts(4, 4, 4));

        assertThat(counter.tryConsume("hosting-7", limits, 1, NOW)).isEqualTo(counted(5, 5, 5));
        VolumeCheck refused = counter.tryConsume("hosting-7", limits, 1, NOW);

        assertThat(refused).isEqualTo(new VolumeCheck.OverLimit(
                new LimitDecision.Exceeded(LimitWindow.MINUTE, 5, 5, 1, Instant.parse("2026-11-28T10:18:00Z"))));
        assertThat(((VolumeCheck.OverLimit) refused).exceeded().sentence("hosting-7")).isEqualTo(
                "Account hosting-7 has reached its limit of 5 recipients per minute (5 used); it resets at"
                        + " 2026-11-28T10:18:00Z.");
        assertThat(counter.usage("hosting-7", NOW)).isEqualTo(counts(5, 5, 5));
    }

    @Test
    void aNewMinuteStartsAtZeroWhileTheHourKeepsCounting() {
        VolumeLimits limits = new VolumeLimits(5L, 8L, null);
        Instant lastMillisecond = Instant.parse("2026-11-28T10:17:59.999Z");
        Instant nextMinute = Instant.parse("2026-11-28T10:18:00Z");
        Instant nextHour = Instant.parse("2026-11-28T11:00:00Z");

        assertThat(counter.tryConsume("hosting-7", limits, 5, lastMillisecond)).isEqualTo(counted(5, 5, 5));
        assertThat(counter.tryConsume("hosting-7", limits, 1, lastMillisecond)).isEqualTo(new VolumeCheck.OverLimit(
                new LimitDecision.Exceeded(LimitWindow.MINUTE, 5, 5, 1, nextMinute)));

        assertThat(counter.tryConsume("hosting-7", limits, 1, nextMinute)).isEqualTo(counted(1, 6, 6));
        assertThat(counter.tryConsume("hosting-7", limits, 2, nextMinute)).isEqualTo(counted(3, 8, 8));
        // the minute has room, the hour has none: the hour is the wait
        assertThat(counter.tryConsume("hosting-7", limits, 1, nextMinute)).isEqualTo(new VolumeCheck.OverLimit(
                new LimitDecision.Exceeded(LimitWindow.HOUR, 8, 8, 1, nextHour)));

        assertThat(counter.tryConsume("hosting-7", limits, 1, nextHour)).isEqualTo(counted(1, 1, 9));
        assertThat(counter.usage("hosting-7", lastMillisecond)).isEqualTo(counts(5, 8, 9));
    }

    @Test
    void whenSeveralWindowsAreFullTheLongestIsReported() {
        VolumeLimits limits = new VolumeLimits(3L, 3L, 3L);
        counter.tryConsume("hosting-7", limits, 3, NOW);

        assertThat(counter.tryConsume("hosting-7", limits, 1, NOW)).isEqualTo(new VolumeCheck.OverLimit(
                new LimitDecision.Exceeded(LimitWindow.DAY, 3, 3, 1, Instant.parse("2026-11-29T00:00:00Z"))));
    }

    @Test
    void concurrentSingleRecipientMessagesFromTwoNodesNeverPassTheLimit() throws Exception {
        // two "nodes", each with its own connection, four intake threads each
        StatefulRedisConnection<String, String> otherNode = client.connect();
        toClose.add(otherNode);
        List<RedisVolumeCounter> nodes = List.of(counter, new RedisVolumeCounter(otherNode, prefix, TIMEOUT));
        VolumeLimits limits = new VolumeLimits(500L, null, null);
        Map<Class<?>, AtomicLong> outcomes = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                RedisVolumeCounter node = nodes.get(thread % 2);
                done.add(threads.submit(() -> {
                    start.await();
                    for (int message = 0; message < 100; message++) {
                        VolumeCheck check = node.tryConsume("hosting-7", limits, 1, NOW);
                        outcomes.computeIfAbsent(check.getClass(), type -> new AtomicLong()).incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(outcomes).containsOnlyKeys(VolumeCheck.Counted.class, VolumeCheck.OverLimit.class);
        assertThat(outcomes.get(VolumeCheck.Counted.class)).hasValue(500);
        assertThat(outcomes.get(VolumeCheck.OverLimit.class)).hasValue(300);
        assertThat(counter.usage("hosting-7", NOW)).isEqualTo(counts(500, 500, 500));
    }

    // The script decides whether to count; LimitDecision says what to report. They must agree on the first.
    @ParameterizedTest(name = "[{index}] limits {0}, used {1}, +{2}")
    @CsvSource(delimiter = '|', textBlock = """
            -/-/-        | 0/0/0          | 1
            -/-/-        | 900/9000/90000 | 50
            10/-/-       | 9/9/9          | 1
            10/-/-       | 10/10/10       | 1
            10/-/-       | 7/7/7          | 4
            10/-/-       | 0/0/0          | 10
            10/-/-       | 0/0/0          | 11
            -/100/-      | 5/99/99        | 1
            -/100/-      | 5/100/100      | 1
            -/-/1000     | 5/50/999       | 1
            -/-/1000     | 5/50/1000      | 1
            10/100/1000  | 10/100/1000    | 1
            10/100/1000  | 3/100/500      | 1
            10/100/1000  | 3/40/999       | 2
            10/100/1000  | 30/40/50       | 1
            1/1/1        | 0/0/0          | 1
            1/1/1        | 0/0/0          | 2
            """)
    void scriptAndLimitDecisionAgree(String limits, String used, long requested) {
        assertAgreement("table", limits(limits), counts(used), requested);
    }

    @Test
    void scriptAndLimitDecisionAgreeOnRandomCases() {
        Random random = new Random(20261128);
        for (int round = 0; round < 300; round++) {
            VolumeLimits limits = new VolumeLimits(randomLimit(random), randomLimit(random), randomLimit(random));
            Map<LimitWindow, Long> used = new EnumMap<>(LimitWindow.class);
            for (LimitWindow window : LimitWindow.values()) {
                used.put(window, (long) random.nextInt(25));
            }
            assertAgreement("random-" + round, limits, used, 1 + random.nextInt(10));
        }
    }

    @Test
    void aScriptRedisHasNotSeenIsSentWholeOnceThenByItsDigest() {
        String unseen = RedisVolumeCounter.SCRIPT + "-- " + UUID.randomUUID() + "\n";
        RedisVolumeCounter fresh = new RedisVolumeCounter(connection, prefix, TIMEOUT, unseen);
        String digest = redis.digest(unseen);
        assertThat(redis.scriptExists(digest)).containsExactly(false);

        assertThat(fresh.tryConsume("hosting-7", VolumeLimits.UNLIMITED, 2, NOW)).isEqualTo(counted(2, 2, 2));
        assertThat(redis.scriptExists(digest)).containsExactly(true);
        assertThat(fresh.tryConsume("hosting-7", VolumeLimits.UNLIMITED, 2, NOW)).isEqualTo(counted(4, 4, 4));
    }

    @Test
    void aRedisThatStopsAnsweringIsCounterUnavailableWithinTheTimeout() throws Exception {
        StallingTcpRelay relay = new StallingTcpRelay(REDIS_HOST, REDIS_PORT);
        toClose.add(relay);
        RedisClient relayed = RedisClient.create(RedisURI.create(REDIS_HOST, relay.port()));
        toClose.add(relayed::shutdown);
        RedisVolumeCounter stalling = new RedisVolumeCounter(relayed.connect(), prefix, Duration.ofMillis(50));
        assertThat(stalling.tryConsume("hosting-7", VolumeLimits.UNLIMITED, 1, NOW)).isEqualTo(counted(1, 1, 1));

        relay.stall();
        long started = System.nanoTime();
        VolumeCheck check = stalling.tryConsume("hosting-7", VolumeLimits.UNLIMITED, 1, NOW);
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertThat(check).isEqualTo(new VolumeCheck.CounterUnavailable(
                "Redis did not answer the volume counter within 50 ms"));
        assertThat(waited).isLessThan(Duration.ofSeconds(1));
        assertThatThrownBy(() -> stalling.usage("hosting-7", NOW))
                .isInstanceOf(VolumeCounterUnavailableException.class)
                .hasMessage("Redis did not answer the volume counter within 50 ms");
        assertThat(counter.usage("hosting-7", NOW)).isEqualTo(counts(1, 1, 1));
    }

    @Test
    void aRedisThatGoesAwayIsCounterUnavailable() throws Exception {
        StallingTcpRelay relay = new StallingTcpRelay(REDIS_HOST, REDIS_PORT);
        toClose.add(relay);
        RedisClient relayed = RedisClient.create(RedisURI.create(REDIS_HOST, relay.port()));
        toClose.add(relayed::shutdown);
        RedisVolumeCounter vanishing = new RedisVolumeCounter(relayed.connect(), prefix, Duration.ofMillis(200));

        relay.cut();

        // Lettuce holds commands while it reconnects; the counter gives up at its timeout
        assertThat(vanishing.tryConsume("hosting-7", VolumeLimits.UNLIMITED, 1, NOW))
                .isInstanceOf(VolumeCheck.CounterUnavailable.class);
        assertThat(counter.usage("hosting-7", NOW)).isEqualTo(counts(0, 0, 0));
    }

    @Test
    void aClosedConnectionIsCounterUnavailableNotAnException() {
        StatefulRedisConnection<String, String> closed = client.connect();
        closed.close();
        RedisVolumeCounter counterOnClosed = new RedisVolumeCounter(closed, prefix, TIMEOUT);

        assertThat(counterOnClosed.tryConsume("hosting-7", VolumeLimits.UNLIMITED, 1, NOW))
                .isInstanceOfSatisfying(VolumeCheck.CounterUnavailable.class, unavailable -> assertThat(
                        unavailable.reason()).startsWith("Redis could not be reached for the volume counter: "));
        assertThatThrownBy(() -> counterOnClosed.usage("hosting-7", NOW))
                .isInstanceOf(VolumeCounterUnavailableException.class);
    }

    @Test
    void aCounterKeyHoldingSomethingElseIsCounterUnavailable() {
        redis.lpush(counter.key("hosting-7", LimitWindow.HOUR, NOW), "not a count");

        assertThat(counter.tryConsume("hosting-7", VolumeLimits.UNLIMITED, 1, NOW))
                .isInstanceOfSatisfying(VolumeCheck.CounterUnavailable.class, unavailable -> assertThat(
                        unavailable.reason()).startsWith("Redis refused the volume counter's command: ")
                        .contains("WRONGTYPE"));
        assertThat(redis.exists(counter.key("hosting-7", LimitWindow.MINUTE, NOW))).isZero();
    }

    @Test
    void callerMistakesAreRefusedBeforeRedisIsAsked() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> counter.tryConsume("hosting-7", VolumeLimits.UNLIMITED, 0, NOW));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> counter.tryConsume(" ", VolumeLimits.UNLIMITED, 1, NOW));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RedisVolumeCounter(connection, prefix, Duration.ZERO));
    }

    @Test
    void theDefaultPrefixIsTheDocumentedOne() {
        assertThat(new RedisVolumeCounter(connection).key("hosting-7", LimitWindow.MINUTE, NOW))
                .isEqualTo("ledgermta:volume:hosting-7:minute:1795861020");
    }

    private void assertAgreement(String account, VolumeLimits limits, Map<LimitWindow, Long> used, long requested) {
        for (LimitWindow window : LimitWindow.values()) {
            redis.set(counter.key(account, window, NOW), Long.toString(used.get(window)));
        }
        String situation = account + ": " + limits + ", used " + used + ", +" + requested;

        VolumeCheck check = counter.tryConsume(account, limits, requested, NOW);

        switch (LimitDecision.decide(limits, used, requested, NOW)) {
            case LimitDecision.Within within -> assertThat(check).as(situation).isEqualTo(counted(
                    used.get(LimitWindow.MINUTE) + requested, used.get(LimitWindow.HOUR) + requested,
                    used.get(LimitWindow.DAY) + requested));
            case LimitDecision.Exceeded exceeded -> {
                assertThat(check).as(situation).isEqualTo(new VolumeCheck.OverLimit(exceeded));
                assertThat(counter.usage(account, NOW)).as(situation).isEqualTo(used);
            }
        }
    }

    private static Long randomLimit(Random random) {
        return random.nextInt(4) == 0 ? null : (long) (1 + random.nextInt(20));
    }

    private static VolumeLimits limits(String text) {
        String[] parts = text.split("/");
        Long[] limits = new Long[3];
        for (int i = 0; i < 3; i++) {
            limits[i] = parts[i].equals("-") ? null : Long.valueOf(parts[i]);
        }
        return new VolumeLimits(limits[0], limits[1], limits[2]);
    }

    private static Map<LimitWindow, Long> counts(String text) {
        String[] parts = text.split("/");
        return counts(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
    }

    private static Map<LimitWindow, Long> counts(long minute, long hour, long day) {
        Map<LimitWindow, Long> counts = new EnumMap<>(LimitWindow.class);
        counts.put(LimitWindow.MINUTE, minute);
        counts.put(LimitWindow.HOUR, hour);
        counts.put(LimitWindow.DAY, day);
        return counts;
    }

    private static VolumeCheck.Counted counted(long minute, long hour, long day) {
        return new VolumeCheck.Counted(counts(minute, hour, day));
    }
}
