package org.ledgermta.delivery.dns;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.Type;

/**
 * DNS answers in Redis, shared by every node: key {@code <prefix><mx|a|aaaa>:<name>}, expiring with the answer's TTL.
 *
 * <p>The value is text: a first line {@code records}, {@code nxdomain} or {@code nodata}, then for {@code records}
 * one value per line as {@link DnsAnswer} writes them. A value this class can't read is a miss.
 *
 * <p>Redis trouble never fails a resolution: the look-up misses, one warning is logged, and Redis is left alone for
 * {@code pauseAfterFailure} so that a stalled Redis costs one command timeout per pause, not one per look-up.
 */
public final class RedisDnsCache extends DnsCache {

    public static final String DEFAULT_KEY_PREFIX = "ledgermta:dns:";
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(250);
    public static final Duration DEFAULT_PAUSE_AFTER_FAILURE = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger(RedisDnsCache.class.getName());
    private static final String RECORDS = "records";
    private static final String NXDOMAIN = "nxdomain";
    private static final String NODATA = "nodata";

    private final StatefulRedisConnection<String, String> connection;
    private final String keyPrefix;
    private final Duration commandTimeout;
    private final Duration pauseAfterFailure;
    private volatile long pausedUntilNanos;
    private volatile boolean paused;

    public RedisDnsCache(StatefulRedisConnection<String, String> connection, String keyPrefix) {
        this(connection, keyPrefix, DEFAULT_COMMAND_TIMEOUT, DEFAULT_PAUSE_AFTER_FAILURE);
    }

    public RedisDnsCache(StatefulRedisConnection<String, String> connection, String keyPrefix,
            Duration commandTimeout, Duration pauseAfterFailure) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        this.commandTimeout = requirePositive(commandTimeout, "commandTimeout");
        this.pauseAfterFailure = Objects.requireNonNull(pauseAfterFailure, "pauseAfterFailure");
        if (pauseAfterFailure.isNegative()) {
            throw new IllegalArgumentException("pauseAfterFailure must not be negative, was " + pauseAfterFailure);
        }
    }

    String key(DnsQuestion question) {
        return keyPrefix + Type.string(question.type()).toLowerCase(Locale.ROOT) + ":" + question.name();
    }

    @Override
    Optional<DnsAnswer> find(DnsQuestion question) {
        if (isPaused()) {
            return Optional.empty();
        }
        String value;
        try {
            value = connection.async().get(key(question)).get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            pause("reading " + question, e);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        if (value == null) {
            return Optional.empty();
        }
        Optional<DnsAnswer> answer = decode(question.type(), value);
        if (answer.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "ignoring unreadable cached DNS answer at {0}", key(question));
        }
        return answer;
    }

    @Override
    void remember(DnsQuestion question, DnsAnswer answer) {
        long ttlMillis = answer.ttl().toMillis();
        if (answer instanceof DnsAnswer.Failure || ttlMillis <= 0 || isPaused()) {
            return;
        }
        try {
            // Not waited for: the resolution already has its answer, and a lost write only costs a look-up.
            connection.async().set(key(question), encode(answer), SetArgs.Builder.px(ttlMillis))
                    .whenComplete((ok, failure) -> {
                        if (failure != null) {
                            pause("writing " + question, failure);
                        }
                    });
        } catch (RuntimeException e) {
            pause("writing " + question, e);
        }
    }

    static String encode(DnsAnswer answer) {
        return switch (answer) {
            case DnsAnswer.Records records -> RECORDS + "\n" + String.join("\n", records.values());
            case DnsAnswer.NoSuchDomain ignored -> NXDOMAIN;
            case DnsAnswer.NoRecords ignored -> NODATA;
            case DnsAnswer.Failure failure ->
                    throw new IllegalArgumentException("a failure is never cached: " + failure.reason());
        };
    }

    /** The TTL of a decoded answer is irrelevant: Redis expires the key. */
    static Optional<DnsAnswer> decode(int type, String value) {
        List<String> lines = Arrays.asList(value.split("\n", -1));
        boolean alone = lines.size() == 1;
        return switch (lines.getFirst()) {
            case RECORDS -> !alone && lines.stream().skip(1).allMatch(line -> DnsAnswer.isWellFormed(type, line))
                    ? Optional.of(new DnsAnswer.Records(lines.subList(1, lines.size()), Duration.ZERO))
                    : Optional.empty();
            case NXDOMAIN -> alone ? Optional.of(new DnsAnswer.NoSuchDomain(Duration.ZERO)) : Optional.empty();
            case NODATA -> alone ? Optional.of(new DnsAnswer.NoRecords(Duration.ZERO)) : Optional.empty();
            default -> Optional.empty();
        };
    }

    private boolean isPaused() {
        if (paused && System.nanoTime() - pausedUntilNanos >= 0) {
            paused = false;
            LOG.log(System.Logger.Level.INFO, "trying the Redis DNS cache again");
        }
        return paused;
    }

    private void pause(String what, Throwable failure) {
        pausedUntilNanos = System.nanoTime() + pauseAfterFailure.toNanos();
        if (!paused) {
            paused = true;
            LOG.log(System.Logger.Level.WARNING, "Redis DNS cache failed " + what + " (" + failure
                    + "); resolving without it for " + pauseAfterFailure);
        }
    }

    private static Duration requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }
}
