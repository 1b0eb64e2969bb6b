package org.ledgermta.api.forensics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.message.MessageAcceptedEvent;
import org.ledgermta.domain.message.MessageDeliveredEvent;

/**
 * How fast the ledger moved over a period, read from its events alone: how many events it recorded and at
 * what rate, and for each message accepted in the period, the time from its {@code acceptedAt} to the
 * delivery event that delivered its last recipient. Messages not (yet) delivered to every recipient are
 * counted, not timed. Payloads are read only for the accept and delivery events.
 */
public final class LedgerTimings {

    /** What the period showed; latencies in milliseconds, null when no message was delivered. */
    public record Report(Instant from, Instant firstEvent, Instant lastEvent, long events, double eventsPerSecond,
                         long accepted, long delivered, long notDelivered, Long p50Millis, Long p90Millis,
                         Long p99Millis, Long maxMillis) {
    }

    private final LedgerEvents ledger;

    public LedgerTimings(LedgerEvents ledger) {
        this.ledger = ledger;
    }

    public Report since(Instant from) {
        Fold fold = new Fold();
        ledger.forEachSince(from, fold::add);
        return fold.report(from);
    }

    /** The events of the period, oldest first, folded into its report. */
    static final class Fold {

        private final Map<String, Instant> acceptedAt = new HashMap<>();
        private final Map<String, Set<EmailAddress>> undelivered = new HashMap<>();
        private final List<Long> latencies = new ArrayList<>();
        private Instant first;
        private Instant last;
        private long events;

        void add(DomainEventMessage<?> event) {
            events++;
            if (first == null) {
                first = event.getTimestamp();
            }
            last = event.getTimestamp();
            Class<?> type = event.getPayloadType();
            if (type == MessageAcceptedEvent.class) {
                MessageAcceptedEvent accepted = (MessageAcceptedEvent) event.getPayload();
                acceptedAt.put(accepted.messageId().value(), accepted.acceptedAt());
                undelivered.put(accepted.messageId().value(), new HashSet<>(accepted.recipients()));
            } else if (type == MessageDeliveredEvent.class) {
                MessageDeliveredEvent delivered = (MessageDeliveredEvent) event.getPayload();
                String id = delivered.messageId().value();
                Set<EmailAddress> left = undelivered.get(id);
                if (left != null && left.removeAll(delivered.recipients()) && left.isEmpty()) {
                    undelivered.remove(id);
                    latencies.add(Duration.between(acceptedAt.get(id), delivered.deliveredAt()).toMillis());
                }
            }
        }

        Report report(Instant from) {
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            double seconds = first == null ? 0 : Duration.between(first, last).toNanos() / 1e9;
            return new Report(from, first, last, events, seconds > 0 ? events / seconds : 0, acceptedAt.size(),
                    sorted.length, undelivered.size(), percentile(sorted, 50), percentile(sorted, 90),
                    percentile(sorted, 99), sorted.length == 0 ? null : sorted[sorted.length - 1]);
        }

        /** Nearest rank: the smallest value with at least p% of the values at or below it. */
        private static Long percentile(long[] sorted, int p) {
            if (sorted.length == 0) {
                return null;
            }
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(rank, 1) - 1];
        }
    }
}
