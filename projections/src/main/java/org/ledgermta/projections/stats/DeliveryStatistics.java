package org.ledgermta.projections.stats;

import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.axonframework.eventhandling.EventHandler;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.IntakeRoute;
import org.ledgermta.domain.account.MessageRejectedEvent;
import org.ledgermta.domain.account.RejectionReason;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.message.DeliveryAttemptedEvent;
import org.ledgermta.domain.message.MessageAcceptedEvent;
import org.ledgermta.domain.message.RecipientResult;
import org.ledgermta.projections.UnitOfWorkBatch;

/**
 * Delivery counts per egress IP, per egress IP and receiving provider, and per account, in one-minute
 * buckets kept for 24 hours, so that the last hour and the last day can be summed at any instant.
 *
 * <p>Each bucket is one document of {@value #COLLECTION}, {@code _id} = kind|key|epoch-minute, its counters
 * raised with {@code $inc} in an upsert by {@code _id} (see {@link MongoStatisticsStore}); a copy is kept
 * in memory for the queries. The buckets one batch of events raises (an attempt counts under its IP, its
 * IP and provider, and its account) are written together at the end of the batch ({@link UnitOfWorkBatch}).
 * {@link #load(Instant)} reads the buckets back after a restart. Buckets older than 24 hours before the
 * latest event seen are dropped as later events arrive. Delivery attempts do not name the account: the
 * account of each message accepted since the start is kept in memory (bounded), and an older one is read
 * from the queue view, which keeps every message's account anyway.
 *
 * <p>The receiving provider is, until the warm-up issue's provider data file exists, the MX host's last two
 * labels: {@code gmail-smtp-in.l.google.com} counts under {@code google.com}. That interim key merges
 * providers under a public suffix of two labels ({@code mx.example.co.uk} → {@code co.uk}).
 *
 * <p>Nothing here reads a clock: every window ends at the {@code now} the caller gives.
 */
public final class DeliveryStatistics {

    public static final String COLLECTION = "delivery_statistics";
    public static final Duration RETENTION = Duration.ofHours(24);

    private static final long RETENTION_MINUTES = RETENTION.toMinutes();
    private static final int CACHED_MESSAGES = 100_000;

    enum Kind {
        IP("ip"), IP_PROVIDER("ip-provider"), ACCOUNT("account");

        final String code;

        Kind(String code) {
            this.code = code;
        }

        static Kind of(String code) {
            for (Kind kind : values()) {
                if (kind.code.equals(code)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("Unknown statistics kind '" + code + "'");
        }
    }

    /** One series of buckets: an IP, an IP towards one provider (key ip|provider), or an account. */
    record Series(Kind kind, String key) {
        String id(long minute) {
            return kind.code + "|" + key + "|" + minute;
        }
    }

    /** One minute of one series. */
    record Bucket(Series series, long minute) {
        String id() {
            return series.id(minute);
        }
    }

    private final StatisticsStore store;
    private final UnitOfWorkBatch<Map<Bucket, Map<String, Long>>> batch =
            new UnitOfWorkBatch<>(COLLECTION, LinkedHashMap::new, this::write);
    private final Map<Series, NavigableMap<Long, Map<String, Long>>> series = new HashMap<>();
    private final Map<String, String> accountOfMessage = Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > CACHED_MESSAGES;
                }
            });
    private long latestMinute = Long.MIN_VALUE;

    public DeliveryStatistics(MongoDatabase database) {
        this(new MongoStatisticsStore(database));
    }

    DeliveryStatistics(StatisticsStore store) {
        this.store = store;
    }

    /** Reads back the buckets of the 24 hours before now, and deletes older ones. */
    public DeliveryStatistics load(Instant now) {
        long nowMinute = minute(now);
        List<String> stale = new ArrayList<>();
        synchronized (this) {
            series.clear();
            latestMinute = Long.MIN_VALUE;
            store.forEachBucket((id, stored) -> {
                int first = id.indexOf('|');
                int last = id.lastIndexOf('|');
                long minute = Long.parseLong(id.substring(last + 1));
                if (minute <= nowMinute - RETENTION_MINUTES) {
                    stale.add(id);
                    return;
                }
                Series key = new Series(Kind.of(id.substring(0, first)), id.substring(first + 1, last));
                Map<String, Long> counters = series.computeIfAbsent(key, k -> new TreeMap<>())
                        .computeIfAbsent(minute, m -> new HashMap<>());
                stored.forEach((name, value) -> counters.merge(name, value, Long::sum));
                latestMinute = Math.max(latestMinute, minute);
            });
        }
        stale.forEach(store::delete);
        return this;
    }

    /**
     * The provider key of an attempt recorded before attempts named their provider (from the providers file):
     * the MX host's last two labels, lower case, without a trailing dot.
     */
    public static String provider(String mxHost) {
        String host = mxHost.strip().toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        int last = host.lastIndexOf('.');
        if (last <= 0) {
            return host;
        }
        int second = host.lastIndexOf('.', last - 1);
        return second < 0 ? host : host.substring(second + 1);
    }

    @EventHandler
    void on(MessageAcceptedEvent event) {
        String account = event.account().value();
        accountOfMessage.put(event.messageId().value(), account);
        if (event.route() == IntakeRoute.BOUNCE) {
            return; // a DSN the relay wrote itself: not the account's submission, though its delivery counts
        }
        add(new Series(Kind.ACCOUNT, account), event.acceptedAt(),
                Map.of("accepted", 1L, "recipients", (long) event.recipients().size()));
    }

    @EventHandler
    void on(MessageRejectedEvent event) {
        // a client no account knows has no account to count it under
        if (event.account() == null || event.account().isBlank()) {
            return;
        }
        add(new Series(Kind.ACCOUNT, event.account()), event.at(),
                Map.of("rejected", 1L, "rejected:" + event.reason().name(), 1L));
    }

    @EventHandler
    void on(DeliveryAttemptedEvent event) {
        Map<String, Long> outcomes = new HashMap<>();
        for (RecipientResult result : event.results()) {
            outcomes.merge(switch (result.outcome()) {
                case DELIVERED -> "delivered";
                case DEFERRED -> "deferred";
                case BOUNCED -> "bounced";
                case EGRESS_BLOCKED -> "blocked";
            }, 1L, Long::sum);
        }
        if (event.egressIp() != null) {
            Map<String, Long> ipCounts = new HashMap<>(outcomes);
            ipCounts.put("attempts", 1L);
            add(new Series(Kind.IP, event.egressIp().value()), event.attemptedAt(), ipCounts);
            if (event.mxHost() != null) {
                add(new Series(Kind.IP_PROVIDER, event.egressIp().value() + "|" + (event.provider() != null
                        ? event.provider().value() : provider(event.mxHost()))),
                        event.attemptedAt(), ipCounts);
            }
        }
        String account = accountOf(event.messageId().value());
        if (account != null) {
            // for the message an egress block is a deferral: it is retried from another IP
            Map<String, Long> accountCounts = new HashMap<>(outcomes);
            Long blocked = accountCounts.remove("blocked");
            if (blocked != null) {
                accountCounts.merge("deferred", blocked, Long::sum);
            }
            add(new Series(Kind.ACCOUNT, account), event.attemptedAt(), accountCounts);
        }
    }

    public DeliveryCounts egressIp(EgressIpAddress address, Duration window, Instant now) {
        return deliveryCounts(sum(new Series(Kind.IP, address.value()), window, now));
    }

    /** Per receiving provider (see {@link #provider(String)}), in provider order; providers without counts left out. */
    public Map<String, DeliveryCounts> egressIpByProvider(EgressIpAddress address, Duration window, Instant now) {
        String prefix = address.value() + "|";
        List<Series> matching;
        synchronized (this) {
            matching = series.keySet().stream()
                    .filter(s -> s.kind() == Kind.IP_PROVIDER && s.key().startsWith(prefix)).toList();
        }
        Map<String, DeliveryCounts> byProvider = new TreeMap<>();
        for (Series s : matching) {
            Map<String, Long> counts = sum(s, window, now);
            if (!counts.isEmpty()) {
                byProvider.put(s.key().substring(prefix.length()), deliveryCounts(counts));
            }
        }
        return Collections.unmodifiableMap(byProvider);
    }

    public AccountCounts account(AccountId account, Duration window, Instant now) {
        Map<String, Long> counts = sum(new Series(Kind.ACCOUNT, account.value()), window, now);
        Map<RejectionReason, Long> byReason = new EnumMap<>(RejectionReason.class);
        for (RejectionReason reason : RejectionReason.values()) {
            long count = counts.getOrDefault("rejected:" + reason.name(), 0L);
            if (count > 0) {
                byReason.put(reason, count);
            }
        }
        return new AccountCounts(counts.getOrDefault("accepted", 0L), counts.getOrDefault("recipients", 0L),
                counts.getOrDefault("delivered", 0L), counts.getOrDefault("deferred", 0L),
                counts.getOrDefault("bounced", 0L), counts.getOrDefault("rejected", 0L), byReason);
    }

    /** Drops the buckets that no window ending at now or later can reach, in memory and in the store. */
    public void prune(Instant now) {
        prune(minute(now));
    }

    private void prune(long nowMinute) {
        List<String> dropped = new ArrayList<>();
        synchronized (this) {
            long oldestKept = nowMinute - RETENTION_MINUTES + 1;
            var iterator = series.entrySet().iterator();
            while (iterator.hasNext()) {
                var entry = iterator.next();
                NavigableMap<Long, Map<String, Long>> stale = entry.getValue().headMap(oldestKept, false);
                stale.keySet().forEach(minute -> dropped.add(entry.getKey().id(minute)));
                stale.clear();
                if (entry.getValue().isEmpty()) {
                    iterator.remove();
                }
            }
        }
        dropped.forEach(store::delete);
    }

    private void add(Series key, Instant at, Map<String, Long> counts) {
        long minute = minute(at);
        synchronized (this) {
            if (latestMinute != Long.MIN_VALUE && minute <= latestMinute - RETENTION_MINUTES) {
                return; // older than any window can reach any more (a replay of old events)
            }
        }
        Map<Bucket, Map<String, Long>> pending = batch.pending();
        if (pending == null) {
            write(Map.of(new Bucket(key, minute), counts));
            return;
        }
        Map<String, Long> counters = pending.computeIfAbsent(new Bucket(key, minute), b -> new HashMap<>());
        counts.forEach((name, value) -> counters.merge(name, value, Long::sum));
    }

    /** Raises the counters of a batch's buckets in the store, in one round trip, then in memory. */
    private void write(Map<Bucket, Map<String, Long>> increments) {
        if (increments.isEmpty()) {
            return;
        }
        Map<String, Map<String, Long>> byId = new LinkedHashMap<>();
        increments.forEach((bucket, counts) -> byId.put(bucket.id(), counts));
        // the store first: when it refuses, memory does not count what a restart would not find
        store.increment(byId);
        long newestMinute = Long.MIN_VALUE;
        boolean newMinute = false;
        synchronized (this) {
            for (var increment : increments.entrySet()) {
                long minute = increment.getKey().minute();
                newMinute |= minute > latestMinute;
                latestMinute = Math.max(latestMinute, minute);
                newestMinute = Math.max(newestMinute, minute);
                Map<String, Long> counters = series.computeIfAbsent(increment.getKey().series(), k -> new TreeMap<>())
                        .computeIfAbsent(minute, m -> new HashMap<>());
                increment.getValue().forEach((name, value) -> counters.merge(name, value, Long::sum));
            }
        }
        if (newMinute) {
            prune(newestMinute);
        }
    }

    private Map<String, Long> sum(Series key, Duration window, Instant now) {
        if (window.isNegative() || window.isZero() || window.compareTo(RETENTION) > 0) {
            throw new IllegalArgumentException("Statistics window " + window
                    + " is not kept: expected more than zero and at most " + RETENTION + ".");
        }
        long nowMinute = minute(now);
        // the bucket of now's minute counts, so the window is the whole minutes that end with it
        long from = nowMinute - window.toMinutes() + 1;
        Map<String, Long> total = new HashMap<>();
        synchronized (this) {
            NavigableMap<Long, Map<String, Long>> minutes = series.get(key);
            if (minutes != null) {
                minutes.subMap(from, true, nowMinute, true).values()
                        .forEach(counters -> counters.forEach((name, value) -> total.merge(name, value, Long::sum)));
            }
        }
        return total;
    }

    private String accountOf(String messageId) {
        String account = accountOfMessage.get(messageId);
        if (account == null) {
            account = store.accountOf(messageId);
            if (account != null) {
                accountOfMessage.put(messageId, account);
            }
        }
        return account;
    }

    private static DeliveryCounts deliveryCounts(Map<String, Long> counts) {
        return new DeliveryCounts(counts.getOrDefault("attempts", 0L), counts.getOrDefault("delivered", 0L),
                counts.getOrDefault("deferred", 0L), counts.getOrDefault("bounced", 0L),
                counts.getOrDefault("blocked", 0L));
    }

    private static long minute(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), 60);
    }
}
