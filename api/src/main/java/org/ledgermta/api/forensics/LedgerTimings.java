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
import org.ledgermta.domain.message.DeliveryAttemptedEvent;
import org.ledgermta.domain.message.MessageAcceptedEvent;
import org.ledgermta.domain.message.MessageDeliveredEvent;

/**
 * How fast the ledger moved over a period, read from its events alone: how many events it recorded and at
 * what rate, and for each message accepted in the period, the time from its {@code acceptedAt} to the
 * delivery event that delivered its last recipient. Messages not (yet) delivered to every recipient are
 * counted, not timed. Payloads are read only for the accept, attempt and delivery events.
 *
 * <p>The first attempt of each message splits its way into stages, to say where the time goes: intake
 * ({@code acceptedAt}, when DATA ended, to the accept event: scanning, signing, storing the body), queued
 * (from the accept event to the attempt's start: the accept's commit, the hand-over, a free worker and IP),
 * transaction (the SMTP transaction with the receiver) and recording (its end to the attempt's event).
 */
public final class LedgerTimings {

    /** What the period showed; latencies in milliseconds, null when no message was delivered. */
    public record Report(Instant from, Instant firstEvent, Instant lastEvent, long events, double eventsPerSecond,
                         long accepted, long delivered, long notDelivered, Long p50Millis, Long p90Millis,
                         Long p99Millis, Long maxMillis, FirstAttempt firstAttempt) {
    }

    /** The first attempts' stages (see the class comment), each as p50 and p99 in milliseconds. */
    public record FirstAttempt(long attempts, Stage intake, Stage queued, Stage transaction, Stage recording) {
    }

    public record Stage(Long p50Millis, Long p99Millis) {
        static Stage of(List<Long> millis) {
            long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
            return new Stage(percentile(sorted, 50), percentile(sorted, 99));
        }
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
        private final Map<String, Instant> acceptRecordedAt = new HashMap<>();
        private final List<Long> intake = new ArrayList<>();
        private final List<Long> queued = new ArrayList<>();
        private final List<Long> transaction = new ArrayList<>();
        private final List<Long> recording = new ArrayList<>();
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
                acceptRecordedAt.put(accepted.messageId().value(), event.getTimestamp());
                intake.add(Duration.between(accepted.acceptedAt(), event.getTimestamp()).toMillis());
            } else if (type == DeliveryAttemptedEvent.class) {
                DeliveryAttemptedEvent attempted = (DeliveryAttemptedEvent) event.getPayload();
                Instant recorded = acceptRecordedAt.remove(attempted.messageId().value());
                if (recorded != null) { // the message's first attempt
                    Instant started = attempted.attemptedAt().minus(attempted.duration());
                    queued.add(Duration.between(recorded, started).toMillis());
                    transaction.add(attempted.duration().toMillis());
                    recording.add(Duration.between(attempted.attemptedAt(), event.getTimestamp()).toMillis());
                }
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
                    percentile(sorted, 99), sorted.length == 0 ? null : sorted[sorted.length - 1],
                    new FirstAttempt(queued.size(), Stage.of(intake), Stage.of(queued), Stage.of(transaction),
                            Stage.of(recording)));
        }
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
