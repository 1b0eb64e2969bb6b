package org.ledgermta.api.forensics;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.function.Consumer;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntry;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.serialization.SerializedMessage;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Every event of the ledger, oldest first, through one cursor over the event collection.
 *
 * <p>Not {@code EventStore.openStream(null)}: that stream is a tracking reader, which asks the store again
 * for every batch with {@code timestamp >= last - 1s and _id $nin [ids seen in that second]}; the embedded
 * stand-in answers each such query by scanning the whole collection and checking the {@code $nin} list
 * linearly, so a full read is quadratic (measured: a few hundred events/s, see ReplayBenchmark). One sorted
 * query is one scan (one sort in memory) on the stand-in, and an index walk on real MongoDB, whose
 * {@code orderedEventStreamIndex} (timestamp, sequence number) axon-mongo creates.
 *
 * <p>The order is the tracking order (timestamp, then sequence number), so each aggregate's events come in
 * their sequence. Documents are read in axon-mongo's default one-document-per-event layout, the one
 * LedgerAxonConfiguration's storage engine writes. Payloads are deserialized lazily, only for events a view
 * handles.
 */
public final class LedgerEvents {

    private static final EventEntryConfiguration LAYOUT = EventEntryConfiguration.getDefault();

    private final MongoCollection<Document> events;
    private final Serializer serializer;
    private final int batchSize;

    public LedgerEvents(MongoCollection<Document> events, Serializer serializer, int batchSize) {
        this.events = events;
        this.serializer = serializer;
        this.batchSize = batchSize;
    }

    /** The number of events stored: collection statistics on real MongoDB, so an estimate after a crash. */
    public long count() {
        return events.estimatedDocumentCount();
    }

    public void forEach(Consumer<DomainEventMessage<?>> action) {
        forEach(new Document(), action);
    }

    /** The events recorded at or after {@code from}, oldest first. */
    public void forEachSince(Instant from, Consumer<DomainEventMessage<?>> action) {
        forEach(since(from), action);
    }

    /**
     * The events of one payload type recorded at or after {@code from}, oldest first: on real MongoDB a walk of
     * the (timestamp, sequence number) index from {@code from}; on the stand-in one scan.
     */
    public void forEachSince(Instant from, Class<?> payloadType, Consumer<DomainEventMessage<?>> action) {
        forEach(Filters.and(since(from), Filters.eq(LAYOUT.payloadTypeProperty(), payloadType.getName())), action);
    }

    private static Bson since(Instant from) {
        // axon-mongo stores the timestamp as fixed-width ISO-8601 text, so text order is time order
        return Filters.gte(LAYOUT.timestampProperty(), DateTimeUtils.formatInstant(from));
    }

    private void forEach(Bson filter, Consumer<DomainEventMessage<?>> action) {
        try (MongoCursor<Document> cursor = events.find(filter)
                .sort(Sorts.ascending(LAYOUT.timestampProperty(), LAYOUT.sequenceNumberProperty()))
                .batchSize(batchSize)
                .iterator()) {
            while (cursor.hasNext()) {
                action.accept(message(new EventEntry(cursor.next(), LAYOUT)));
            }
        }
    }

    private DomainEventMessage<?> message(EventEntry entry) {
        return new GenericDomainEventMessage<>(entry.getType(), entry.getAggregateIdentifier(),
                entry.getSequenceNumber(), new SerializedMessage<>(entry.getEventIdentifier(), entry.getPayload(),
                entry.getMetaData(), serializer), entry.getTimestamp());
    }
}
