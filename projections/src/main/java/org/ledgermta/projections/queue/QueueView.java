package org.ledgermta.projections.queue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.message.DeliveryAttemptedEvent;
import org.ledgermta.domain.message.DeliveryDeferredEvent;
import org.ledgermta.domain.message.DeliveryPostponedEvent;
import org.ledgermta.domain.message.DeliveryRetryScheduledEvent;
import org.ledgermta.domain.message.MessageAcceptedEvent;
import org.ledgermta.domain.message.MessageBouncedEvent;
import org.ledgermta.domain.message.MessageDeletedEvent;
import org.ledgermta.domain.message.MessageDeliveredEvent;
import org.ledgermta.domain.message.MessageExpiredEvent;
import org.ledgermta.domain.message.MessageHeldEvent;
import org.ledgermta.domain.message.MessageReleasedEvent;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.projections.UnitOfWorkBatch;

/**
 * The queue as the ledger says it is: one document per message in {@code queue_view}. The dispatcher
 * keeps its ready queue in memory; after a restart it refills it from here ({@link #waitingForDelivery()}).
 * Meant for a subscribing processor, so the view is never behind what was acknowledged. The entries one
 * batch of events changes (an attempt records its attempt and its delivery together) are written once, in
 * one round trip, at the end of the batch ({@link UnitOfWorkBatch}).
 */
public final class QueueView {

    public static final String COLLECTION = "queue_view";

    /*
     * The entries this view wrote last, so that the next event of a message in flight (accepted, attempted,
     * delivered follow each other within milliseconds) changes it without reading it back first. Written
     * through: the store is written first, then the copy here. Bounded; a miss reads the store as before.
     */
    private static final int RECENT_ENTRIES = 10_000;
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final MongoCollection<Document> collection;
    private final UnitOfWorkBatch<Map<MessageId, QueueEntry>> batch =
            new UnitOfWorkBatch<>(COLLECTION, LinkedHashMap::new, this::write);
    private final Map<MessageId, QueueEntry> recent = Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<MessageId, QueueEntry> eldest) {
                    return size() > RECENT_ENTRIES;
                }
            });

    public QueueView(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
        // real MongoDB answers the restart query from this index; the embedded stand-in scans anyway
        collection.createIndex(Indexes.ascending("state"));
    }

    public Optional<QueueEntry> find(MessageId messageId) {
        Map<MessageId, QueueEntry> pending = batch.pending();
        QueueEntry known = pending == null ? null : pending.get(messageId);
        if (known != null) {
            return Optional.of(known);
        }
        known = recent.get(messageId);
        if (known != null) {
            return Optional.of(known);
        }
        return Optional.ofNullable(collection.find(Filters.eq("_id", messageId.value())).first())
                .map(QueueDocuments::fromDocument);
    }

    /** Forgets the entries kept in memory: the collection was emptied or rebuilt behind this view's back. */
    public void forget() {
        recent.clear();
    }

    /** Every message still to be delivered (queued or deferred): read once at start-up. */
    public List<QueueEntry> waitingForDelivery() {
        List<QueueEntry> entries = new ArrayList<>();
        for (Document document : collection.find(Filters.in("state", "QUEUED", "DEFERRED"))) {
            entries.add(QueueDocuments.fromDocument(document));
        }
        return entries;
    }

    @EventHandler
    void on(MessageAcceptedEvent event) {
        save(new QueueEntry(event.messageId(), event.account(), event.sender(), event.recipients(), List.of(),
                event.body(), QueueEntry.State.QUEUED, 0, Set.of(), event.acceptedAt(), null, event.acceptedAt(),
                event.expiresAt(), null));
    }

    @EventHandler
    void on(DeliveryAttemptedEvent event) {
        update(event.messageId(), entry -> {
            Set<EgressIpAddress> tried = new LinkedHashSet<>(entry.ipsTried());
            if (event.egressIp() != null) {
                tried.add(event.egressIp());
            }
            String reply = event.results().isEmpty() ? entry.lastReply() : event.results().getLast().reply().toString();
            return copy(entry, entry.pending(), entry.bounced(), entry.state(), event.attemptNumber(), tried,
                    entry.nextAttemptAt(), reply).withWaitingReason(null, entry.nextAttemptAt());
        });
    }

    @EventHandler
    void on(DeliveryPostponedEvent event) {
        update(event.messageId(), entry -> entry.withWaitingReason(event.reason(), event.retryAt()));
    }

    @EventHandler
    void on(MessageDeliveredEvent event) {
        update(event.messageId(), entry -> settle(entry, event.recipients(), List.of()));
    }

    @EventHandler
    void on(MessageBouncedEvent event) {
        update(event.messageId(), entry -> settle(entry, event.recipients(), event.recipients().stream()
                .map(recipient -> new QueueEntry.Bounced(recipient, event.reply().toString())).toList()));
    }

    @EventHandler
    void on(DeliveryDeferredEvent event) {
        update(event.messageId(), entry -> copy(entry, entry.pending(), entry.bounced(), QueueEntry.State.DEFERRED,
                entry.attempts(), entry.ipsTried(), entry.nextAttemptAt(), event.reply().toString()));
    }

    @EventHandler
    void on(DeliveryRetryScheduledEvent event) {
        update(event.messageId(), entry -> copy(entry, entry.pending(), entry.bounced(), entry.state(),
                entry.attempts(), entry.ipsTried(), event.dueAt(), entry.lastReply()));
    }

    @EventHandler
    void on(MessageExpiredEvent event) {
        update(event.messageId(), entry -> {
            // the recipients never delivered fail for good now; the DSN quotes the last reply they got
            List<QueueEntry.Bounced> failed = new ArrayList<>(entry.bounced());
            event.undeliveredRecipients().forEach(recipient -> failed.add(new QueueEntry.Bounced(recipient,
                    entry.lastReply() == null ? "no delivery attempt was possible" : entry.lastReply())));
            return copy(entry, List.of(), failed, QueueEntry.State.EXPIRED, entry.attempts(), entry.ipsTried(), null,
                    entry.lastReply());
        });
    }

    @EventHandler
    void on(MessageHeldEvent event) {
        update(event.messageId(), entry -> copy(entry, entry.pending(), entry.bounced(), QueueEntry.State.HELD,
                entry.attempts(), entry.ipsTried(), entry.nextAttemptAt(), entry.lastReply()));
    }

    @EventHandler
    void on(MessageReleasedEvent event) {
        update(event.messageId(), entry -> copy(entry, entry.pending(), entry.bounced(),
                entry.attempts() == 0 ? QueueEntry.State.QUEUED : QueueEntry.State.DEFERRED, entry.attempts(),
                entry.ipsTried(), event.releasedAt(), entry.lastReply()));
    }

    @EventHandler
    void on(MessageDeletedEvent event) {
        update(event.messageId(), entry -> copy(entry, List.of(), entry.bounced(), QueueEntry.State.DELETED,
                entry.attempts(), entry.ipsTried(), null, entry.lastReply()));
    }

    private static QueueEntry settle(QueueEntry entry, List<EmailAddress> settled, List<QueueEntry.Bounced> bounced) {
        List<EmailAddress> pending = new ArrayList<>(entry.pending());
        pending.removeAll(settled);
        List<QueueEntry.Bounced> allBounced = new ArrayList<>(entry.bounced());
        allBounced.addAll(bounced);
        QueueEntry.State state = !pending.isEmpty() ? entry.state()
                : allBounced.isEmpty() ? QueueEntry.State.DELIVERED : QueueEntry.State.BOUNCED;
        return copy(entry, pending, allBounced, state, entry.attempts(), entry.ipsTried(),
                pending.isEmpty() ? null : entry.nextAttemptAt(), entry.lastReply());
    }

    static QueueEntry copy(QueueEntry entry, List<EmailAddress> pending, List<QueueEntry.Bounced> bounced,
                           QueueEntry.State state, int attempts, Set<EgressIpAddress> ipsTried,
                           java.time.Instant nextAttemptAt, String lastReply) {
        return new QueueEntry(entry.messageId(), entry.account(), entry.sender(), pending, bounced, entry.body(),
                state, attempts, ipsTried, nextAttemptAt, lastReply, entry.acceptedAt(), entry.expiresAt(),
                state.waitingForDelivery() ? entry.waitingReason() : null);
    }

    void update(MessageId messageId, UnaryOperator<QueueEntry> change) {
        find(messageId).map(change).ifPresent(this::save);
    }

    void save(QueueEntry entry) {
        Map<MessageId, QueueEntry> pending = batch.pending();
        if (pending != null) {
            pending.put(entry.messageId(), entry);
            return;
        }
        collection.replaceOne(Filters.eq("_id", entry.messageId().value()), QueueDocuments.toDocument(entry), UPSERT);
        recent.put(entry.messageId(), entry);
    }

    /** The batch's entries, each in its last state, in one round trip; then the copies kept here. */
    private void write(Map<MessageId, QueueEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> replacements = new ArrayList<>(entries.size());
        entries.values().forEach(entry -> replacements.add(new ReplaceOneModel<>(
                Filters.eq("_id", entry.messageId().value()), QueueDocuments.toDocument(entry), UPSERT)));
        try {
            collection.bulkWrite(replacements);
        } catch (RuntimeException e) {
            entries.keySet().forEach(recent::remove); // what the store now holds is not known here
            throw e;
        }
        recent.putAll(entries);
    }
}
