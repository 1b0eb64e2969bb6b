package org.ledgermta.api.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventHandler;
import org.ledgermta.api.replay.ViewsReplayedEvent;
import org.ledgermta.domain.message.MessageAcceptedEvent;
import org.ledgermta.domain.message.MessageBouncedEvent;
import org.ledgermta.domain.message.MessageDeletedEvent;
import org.ledgermta.domain.message.MessageDeliveredEvent;
import org.ledgermta.domain.message.MessageExpiredEvent;
import org.ledgermta.domain.message.MessageHeldEvent;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.MessageReleasedEvent;
import org.ledgermta.projections.queue.QueueEntry;
import org.ledgermta.projections.queue.QueueView;
import org.springframework.context.event.EventListener;

/**
 * {@code ledgermta_queue_depth}: messages waiting for delivery (queued or deferred; held ones do not count),
 * kept in memory from the events the way the queue view derives its states: accepted adds a message with
 * its recipients, each delivered or bounced recipient takes one off, and the message leaves when none is
 * left, or when it expires, is deleted or held (a release brings it back with the recipients the queue
 * view still lists). Seeded at start from the queue view (one read of the waiting messages, the same the
 * dispatcher makes), and again after a replay. A scrape costs nothing: no query per scrape, since a count
 * by state is a full scan on the embedded store. Memory: one entry per waiting message.
 */
public final class QueueDepth {

    private final QueueView queueView;
    private final Map<MessageId, Integer> waiting = new ConcurrentHashMap<>();

    public QueueDepth(QueueView queueView, MeterRegistry registry) {
        this.queueView = queueView;
        reload();
        Gauge.builder("ledgermta.queue.depth", waiting, Map::size)
                .description("Messages waiting for delivery (queued or deferred)")
                .register(registry);
    }

    /** Rereads the waiting messages from the queue view; call only while no message events flow. */
    void reload() {
        Map<MessageId, Integer> fresh = new ConcurrentHashMap<>();
        for (QueueEntry entry : queueView.waitingForDelivery()) {
            if (!entry.pending().isEmpty()) {
                fresh.put(entry.messageId(), entry.pending().size());
            }
        }
        waiting.keySet().retainAll(fresh.keySet());
        waiting.putAll(fresh);
    }

    public long depth() {
        return waiting.size();
    }

    @EventListener
    void replayed(ViewsReplayedEvent event) {
        reload();
    }

    @EventHandler
    void on(MessageAcceptedEvent event) {
        LedgerMetrics.afterCommit(() -> waiting.put(event.messageId(), event.recipients().size()));
    }

    @EventHandler
    void on(MessageDeliveredEvent event) {
        LedgerMetrics.afterCommit(() -> settled(event.messageId(), event.recipients().size()));
    }

    @EventHandler
    void on(MessageBouncedEvent event) {
        LedgerMetrics.afterCommit(() -> settled(event.messageId(), event.recipients().size()));
    }

    @EventHandler
    void on(MessageExpiredEvent event) {
        LedgerMetrics.afterCommit(() -> waiting.remove(event.messageId()));
    }

    @EventHandler
    void on(MessageDeletedEvent event) {
        LedgerMetrics.afterCommit(() -> waiting.remove(event.messageId()));
    }

    @EventHandler
    void on(MessageHeldEvent event) {
        LedgerMetrics.afterCommit(() -> waiting.remove(event.messageId()));
    }

    @EventHandler
    void on(MessageReleasedEvent event) {
        // hold and release leave the pending recipients alone, so the view's list is right whichever
        // processor runs first
        LedgerMetrics.afterCommit(() -> queueView.find(event.messageId())
                .filter(entry -> !entry.pending().isEmpty())
                .ifPresent(entry -> waiting.put(entry.messageId(), entry.pending().size())));
    }

    private void settled(MessageId messageId, int recipients) {
        waiting.computeIfPresent(messageId, (id, pending) -> pending > recipients ? pending - recipients : null);
    }
}
