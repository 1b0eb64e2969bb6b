package org.ledgermta.delivery.limit;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.ledgermta.domain.limit.LimitDecision;
import org.ledgermta.domain.limit.LimitWindow;
import org.ledgermta.domain.limit.VolumeLimits;

/**
 * Per-account recipient counters in Redis, shared by every node, one key per account, window and window start:
 * {@code <prefix><account>:<minute|hour|day>:<window start, epoch seconds>}.
 *
 * <p>Check and count are one Lua script, so two nodes can never both take the last place in a window. The script
 * applies the rule "refuse when any limited window's count plus the requested recipients exceeds its limit" and
 * increments every window only when none would; it returns whether it counted, and the counts. When it refused,
 * {@link LimitDecision#decide} is run on the counts the script saw to say which window to report and when it
 * resets, so Java owns the report and the script only the yes/no; {@code RedisVolumeCounterTest} checks on a
 * table and on random cases that the two agree on the yes/no. (Deciding in Java between a read and a second
 * script would need the second script to re-check anyway, so the rule would live in both places regardless.)
 *
 * <p>Every window is counted, limited or not, so operators see real usage and a limit added mid-day starts from
 * the day's true count. Lettuce connections are thread-safe: one counter serves every intake session.
 */
public final class RedisVolumeCounter {

    public static final String DEFAULT_KEY_PREFIX = "ledgermta:volume:";
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(1);

    // A key lives its window's length plus this from its first count, so at least this long past the window's
    // end: a node whose clock lags by less still finds the count instead of starting the window again at zero.
    static final Duration EXPIRY_MARGIN = Duration.ofMinutes(1);

    private static final List<LimitWindow> WINDOWS = List.of(LimitWindow.values());
    private static final long UNLIMITED = -1;

    // KEYS[i]: counter of window i (minute, hour, day) at its current start.
    // ARGV[1]: recipients requested; ARGV[1 + i]: limit of window i, -1 for none; ARGV[1 + n + i]: its TTL in s.
    // Returns {1, counts after} when counted, {0, counts as found} when refused.
    // Lua numbers are doubles: exact for counts and limits below 2^53, far beyond any real limit.
    static final String SCRIPT = """
            local n = #KEYS
            local requested = tonumber(ARGV[1])
            local used = {}
            local within = 1
            for i = 1, n do
              used[i] = tonumber(redis.call('GET', KEYS[i]) or '0')
              local limit = tonumber(ARGV[1 + i])
              if limit >= 0 and used[i] + requested > limit then
                within = 0
              end
            end
            if within == 1 then
              for i = 1, n do
                used[i] = redis.call('INCRBY', KEYS[i], requested)
                redis.call('EXPIRE', KEYS[i], ARGV[1 + n + i])
              end
            end
            local reply = {within}
            for i = 1, n do
              reply[i + 1] = used[i]
            end
            return reply
            """;

    private final StatefulRedisConnection<String, String> connection;
    private final String keyPrefix;
    private final Duration commandTimeout;
    private final LuaScript script;

    public RedisVolumeCounter(StatefulRedisConnection<String, String> connection) {
        this(connection, DEFAULT_KEY_PREFIX, DEFAULT_COMMAND_TIMEOUT);
    }

    public RedisVolumeCounter(StatefulRedisConnection<String, String> connection, String keyPrefix,
            Duration commandTimeout) {
        this(connection, keyPrefix, commandTimeout, SCRIPT);
    }

    // The script text is a parameter only so that a test can load a variant Redis has never seen.
    RedisVolumeCounter(StatefulRedisConnection<String, String> connection, String keyPrefix, Duration commandTimeout,
            String script) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        this.commandTimeout = Objects.requireNonNull(commandTimeout, "commandTimeout");
        if (commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new IllegalArgumentException("the volume counter's command timeout must be positive, was "
                    + commandTimeout);
        }
        this.script = new LuaScript(script);
    }

    /**
     * Counts {@code recipients} against every window of {@code account} at {@code now} if no limited window would
     * go over its limit; otherwise counts nothing. Never throws for Redis trouble: that is {@code CounterUnavailable}.
     * A timeout may still leave the recipients counted (the command may run after we stopped waiting); counting
     * too much errs on the side of the receivers.
     */
    public VolumeCheck tryConsume(String account, VolumeLimits limits, long recipients, Instant now) {
        requireAccount(account);
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(now, "now");
        if (recipients < 1) {
            throw new IllegalArgumentException("a volume check needs at least 1 recipient, was " + recipients);
        }
        String[] keys = keys(account, now);
        String[] args = new String[1 + 2 * WINDOWS.size()];
        args[0] = Long.toString(recipients);
        for (int i = 0; i < WINDOWS.size(); i++) {
            LimitWindow window = WINDOWS.get(i);
            args[1 + i] = Long.toString(limits.limitFor(window).orElse(UNLIMITED));
            args[1 + WINDOWS.size() + i] = Long.toString(window.length().plus(EXPIRY_MARGIN).toSeconds());
        }

        List<Object> reply;
        try {
            reply = runScript(keys, args, System.nanoTime() + commandTimeout.toNanos());
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return new VolumeCheck.CounterUnavailable(reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new VolumeCheck.CounterUnavailable("interrupted while waiting for Redis to count recipients");
        }

        Map<LimitWindow, Long> used = new EnumMap<>(LimitWindow.class);
        for (int i = 0; i < WINDOWS.size(); i++) {
            used.put(WINDOWS.get(i), (Long) reply.get(1 + i));
        }
        if ((Long) reply.get(0) == 1L) {
            return new VolumeCheck.Counted(used);
        }
        return switch (LimitDecision.decide(limits, used, recipients, now)) {
            case LimitDecision.Exceeded exceeded -> new VolumeCheck.OverLimit(exceeded);
            // Cannot happen while the script and LimitDecision apply the same rule, which the tests check; if it
            // ever does, a temporary failure is the answer that neither loses mail nor breaks a limit.
            case LimitDecision.Within within -> new VolumeCheck.CounterUnavailable("the volume counter script refused "
                    + recipients + " recipients for account " + account + " at counts " + used + " that "
                    + "LimitDecision allows under " + limits + ": the two rules disagree");
        };
    }

    /**
     * What {@code account} has counted in each window current at {@code now}, zero where nothing was counted; for
     * operators, so Redis trouble is a {@link VolumeCounterUnavailableException} saying why.
     */
    public Map<LimitWindow, Long> usage(String account, Instant now) {
        requireAccount(account);
        Objects.requireNonNull(now, "now");
        String[] keys = keys(account, now);
        List<KeyValue<String, String>> values;
        try {
            values = await(redis -> redis.mget(keys), System.nanoTime() + commandTimeout.toNanos());
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new VolumeCounterUnavailableException(reason(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VolumeCounterUnavailableException("interrupted while waiting for Redis", e);
        }
        Map<LimitWindow, Long> used = new EnumMap<>(LimitWindow.class);
        for (int i = 0; i < WINDOWS.size(); i++) {
            used.put(WINDOWS.get(i), values.get(i).map(Long::valueOf).getValueOrElse(0L));
        }
        return Collections.unmodifiableMap(used);
    }

    String key(String account, LimitWindow window, Instant now) {
        return keyPrefix + account + ":" + window.name().toLowerCase(Locale.ROOT) + ":"
                + window.start(now).getEpochSecond();
    }

    private String[] keys(String account, Instant now) {
        return WINDOWS.stream().map(window -> key(account, window, now)).toArray(String[]::new);
    }

    private List<Object> runScript(String[] keys, String[] args, long deadline)
            throws ExecutionException, TimeoutException, InterruptedException {
        return script.run(connection, keys, args, deadline);
    }

    private <T> T await(Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command, long deadline)
            throws ExecutionException, TimeoutException, InterruptedException {
        return LuaScript.await(connection, command, deadline);
    }

    private String reason(Exception failure) {
        return LuaScript.reason(failure, "the volume counter", commandTimeout);
    }

    private static void requireAccount(String account) {
        if (account == null || account.isBlank()) {
            throw new IllegalArgumentException("a volume counter needs an account name, was '" + account + "'");
        }
    }
}
