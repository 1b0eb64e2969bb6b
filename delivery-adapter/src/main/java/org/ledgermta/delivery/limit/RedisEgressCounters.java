package org.ledgermta.delivery.limit;

import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.provider.ProviderName;

/**
 * What each egress IP has sent to each receiving provider, in Redis so that every node counts against the same
 * warm-up caps and per-minute rates: one hash per UTC day ({@code <prefix>day:<date>}) and one per minute
 * ({@code <prefix>minute:<epoch minute>}), each field {@code <ip>|<provider>}.
 *
 * <p>A day's hash is trusted only once it carries the field {@code built}: it is written by {@link #rebuild} with
 * the day's counts from the ledger. So an emptied Redis (a flush, a failover to an empty replica) and the first
 * use of a new day look the same, and both are answered from the ledger before anything is counted; until then
 * {@link #reserve} answers {@link Reservation.NeedsRebuild}. Check and count are one Lua script, so two nodes can
 * never both take an IP's last place of the day.
 */
public final class RedisEgressCounters {

    public static final String DEFAULT_KEY_PREFIX = "ledgermta:egress:";
    static final Duration DAY_TTL = Duration.ofDays(2);
    static final Duration MINUTE_TTL = Duration.ofMinutes(2);
    private static final String BUILT = "built";

    /** The answer to "may this IP send one more message to this provider now?". */
    public sealed interface Reservation {
        /** Counted: send it. */
        record Reserved(long sentToday, long sentThisMinute) implements Reservation {
        }

        /** Today's cap is reached; nothing was counted. */
        record DailyCapReached(long sentToday) implements Reservation {
        }

        /** This minute's rate is reached; nothing was counted. */
        record MinuteRateReached(long sentThisMinute) implements Reservation {
        }

        /** The day's counts are not in Redis: rebuild them from the ledger, then ask again. */
        record NeedsRebuild() implements Reservation {
        }

        /** Redis could not answer; why, in a sentence. */
        record Unavailable(String reason) implements Reservation {
        }
    }

    // KEYS[1]: the day's hash, KEYS[2]: the minute's hash. ARGV[1]: the field, ARGV[2]: today's cap (-1: none),
    // ARGV[3]: this minute's limit (-1: none), ARGV[4]: the minute hash's TTL in seconds.
    // Returns {status, sent today, sent this minute}; status 1 counted, 0 cap reached, 2 rate reached, -1 not built.
    static final String RESERVE = """
            if redis.call('HEXISTS', KEYS[1], 'built') == 0 then
              return {-1, 0, 0}
            end
            local day = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
            local minute = tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0')
            local cap = tonumber(ARGV[2])
            local rate = tonumber(ARGV[3])
            if cap >= 0 and day >= cap then
              return {0, day, minute}
            end
            if rate >= 0 and minute >= rate then
              return {2, day, minute}
            end
            day = redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
            minute = redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
            redis.call('EXPIRE', KEYS[2], ARGV[4])
            return {1, day, minute}
            """;

    // Gives back a reservation whose message was never attempted. Not on a day's hash that is not built (the
    // count it would take back was lost with the hash; the rebuild counts from the ledger).
    static final String RELEASE = """
            if redis.call('HEXISTS', KEYS[1], 'built') == 1 then
              redis.call('HINCRBY', KEYS[1], ARGV[1], -1)
            end
            if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then
              redis.call('HINCRBY', KEYS[2], ARGV[1], -1)
            end
            return {1}
            """;

    // KEYS[1]: the day's hash. ARGV[1]: its TTL in seconds, then field, count pairs. Writes only when not built
    // yet, so two nodes rebuilding at once write the same counts once. Returns {1} when written, {0} when not.
    static final String REBUILD = """
            if redis.call('HEXISTS', KEYS[1], 'built') == 1 then
              return {0}
            end
            for i = 2, #ARGV, 2 do
              redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
            end
            redis.call('HSET', KEYS[1], 'built', '1')
            redis.call('EXPIRE', KEYS[1], ARGV[1])
            return {1}
            """;

    private static final LuaScript RESERVE_SCRIPT = new LuaScript(RESERVE);
    private static final LuaScript RELEASE_SCRIPT = new LuaScript(RELEASE);
    private static final LuaScript REBUILD_SCRIPT = new LuaScript(REBUILD);

    private final StatefulRedisConnection<String, String> connection;
    private final String keyPrefix;
    private final Duration commandTimeout;

    public RedisEgressCounters(StatefulRedisConnection<String, String> connection, String keyPrefix,
                               Duration commandTimeout) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        this.commandTimeout = Objects.requireNonNull(commandTimeout, "commandTimeout");
    }

    /**
     * Counts one message from {@code ip} to {@code provider} on {@code day} and in the minute of {@code now}, unless
     * {@code dailyCap} (negative: none) or {@code perMinute} (negative: none) is already reached.
     */
    public Reservation reserve(EgressIpAddress ip, ProviderName provider, LocalDate day, long dailyCap, Instant now,
                               long perMinute) {
        String[] keys = {dayKey(day), minuteKey(now)};
        String[] args = {field(ip, provider), Long.toString(Math.max(-1, dailyCap)),
                Long.toString(Math.max(-1, perMinute)), Long.toString(MINUTE_TTL.toSeconds())};
        List<Object> reply;
        try {
            reply = RESERVE_SCRIPT.run(connection, keys, args, deadline());
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return new Reservation.Unavailable(LuaScript.reason(e, "the egress counters", commandTimeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reservation.Unavailable("interrupted while waiting for Redis to count an egress message");
        }
        long day0 = (Long) reply.get(1);
        long minute = (Long) reply.get(2);
        return switch (((Long) reply.get(0)).intValue()) {
            case 1 -> new Reservation.Reserved(day0, minute);
            case 0 -> new Reservation.DailyCapReached(day0);
            case 2 -> new Reservation.MinuteRateReached(minute);
            default -> new Reservation.NeedsRebuild();
        };
    }

    /** Takes back a reservation whose message was not attempted after all. Best effort: Redis trouble is ignored. */
    public void release(EgressIpAddress ip, ProviderName provider, LocalDate day, Instant reservedAt) {
        try {
            RELEASE_SCRIPT.run(connection, new String[] {dayKey(day), minuteKey(reservedAt)},
                    new String[] {field(ip, provider)}, deadline());
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // counted once too often: errs on the side of the receivers
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Writes the day's counts, unless another node already has; true when this call wrote them.
     *
     * @throws EgressCountersUnavailableException when Redis could not be asked
     */
    public boolean rebuild(LocalDate day, Map<IpAndProvider, Long> sent) {
        List<String> args = new ArrayList<>();
        args.add(Long.toString(DAY_TTL.toSeconds()));
        sent.forEach((key, count) -> {
            args.add(field(key.ip(), key.provider()));
            args.add(Long.toString(count));
        });
        List<Object> reply = ask("rebuilding", () -> REBUILD_SCRIPT.run(connection, new String[] {dayKey(day)},
                args.toArray(String[]::new), deadline()));
        return (Long) reply.getFirst() == 1L;
    }

    /**
     * Whether the day's counts are in Redis (rebuilt from the ledger since Redis last lost them).
     *
     * @throws EgressCountersUnavailableException when Redis could not be asked
     */
    public boolean built(LocalDate day) {
        return ask("reading", () -> LuaScript.await(connection, redis -> redis.hexists(dayKey(day), BUILT), deadline()));
    }

    /** What each IP sent to each provider on {@code day}, as Redis has it; empty when the day is not built. */
    public Map<IpAndProvider, Long> sentOn(LocalDate day) {
        Map<String, String> fields = ask("reading",
                () -> LuaScript.await(connection, redis -> redis.hgetall(dayKey(day)), deadline()));
        Map<IpAndProvider, Long> sent = new TreeMap<>();
        fields.forEach((field, count) -> {
            if (!BUILT.equals(field)) {
                sent.put(IpAndProvider.parse(field), Long.parseLong(count));
            }
        });
        return sent;
    }

    /** A call to Redis, its failures as an {@link EgressCountersUnavailableException}; {@code doing} for the message. */
    private <T> T ask(String doing, RedisCall<T> call) {
        try {
            return call.run();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new EgressCountersUnavailableException(LuaScript.reason(e, "the egress counters", commandTimeout), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EgressCountersUnavailableException("interrupted while " + doing + " the egress counters", e);
        }
    }

    private interface RedisCall<T> {
        T run() throws ExecutionException, TimeoutException, InterruptedException;
    }

    /** One counter's key: an egress IP and a receiving provider. */
    public record IpAndProvider(EgressIpAddress ip, ProviderName provider) implements Comparable<IpAndProvider> {

        static IpAndProvider parse(String field) {
            int bar = field.lastIndexOf('|');
            return new IpAndProvider(new EgressIpAddress(field.substring(0, bar)),
                    new ProviderName(field.substring(bar + 1)));
        }

        @Override
        public int compareTo(IpAndProvider other) {
            int byIp = ip.value().compareTo(other.ip.value());
            return byIp != 0 ? byIp : provider.value().compareTo(other.provider.value());
        }
    }

    /** Every key of these counters starts with it. */
    public String keyPrefix() {
        return keyPrefix;
    }

    String dayKey(LocalDate day) {
        return keyPrefix + "day:" + day;
    }

    String minuteKey(Instant now) {
        return keyPrefix + "minute:" + now.truncatedTo(ChronoUnit.MINUTES).getEpochSecond() / 60;
    }

    private static String field(EgressIpAddress ip, ProviderName provider) {
        return ip.value() + "|" + provider.value();
    }

    private long deadline() {
        return System.nanoTime() + commandTimeout.toNanos();
    }
}
