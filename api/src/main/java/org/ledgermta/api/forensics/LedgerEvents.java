package org.ledgermta.api.forensics;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntry;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.serialization.SerializedMessage;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.ledgermta.api.store.SortedScan;

/**
 * Every event of the ledger, oldest first, through one cursor over the event collection.
 *
 * <p>Not {@code EventStore.openStream(null)}: that stream is a tracking reader, which asks the store again
 * for every batch with {@code timestamp >= last - 1s and _id $nin [ids seen in that second]}; the embedded
 * stand-in answers each such query by scanning the whole collection and checking the {@code $nin} list
 * linearly, so a full read is quadratic (measured: a few hundred events/s, see ReplayBenchmark). One sorted
 * query is an index walk on real MongoDB, whose {@code orderedEventStreamIndex} (timestamp, sequence number)
 * axon-mongo creates. The stand-in would answer it by holding every matching event in memory at once (400,000
 * events ran a 512 MiB heap out), so on the embedded store the same selection and order come from a
 * {@link SortedScan} instead, which holds only each event's sort key.
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
    private final SortedScan embeddedScan;

    /** Reads through the driver: a sorted query per read. */
    public LedgerEvents(MongoCollection<Document> events, Serializer serializer, int batchSize) {
        this(events, serializer, batchSize, Optional.empty());
    }

    /** Reads through {@code embeddedScan} when the ledger is in the embedded store, else through the driver. */
    public LedgerEvents(MongoCollection<Document> events, Serializer serializer, int batchSize,
                        Optional<SortedScan> embeddedScan) {
        this.events = events;
        this.serializer = serializer;
        this.batchSize = batchSize;
        this.embeddedScan = embeddedScan.orElse(null);
    }

    /** The number of events stored: collection statistics on real MongoDB, so an estimate after a crash. */
    public long count() {
        return events.estimatedDocumentCount();
    }

    public void forEach(Consumer<DomainEventMessage<?>> action) {
        forEach(Selection.ALL, action);
    }

    /** The events recorded at or after {@code from}, oldest first. */
    public void forEachSince(Instant from, Consumer<DomainEventMessage<?>> action) {
        forEach(Selection.since(from), action);
    }

    /**
     * The events of one payload type recorded at or after {@code from}, oldest first: on real MongoDB a walk of
     * the (timestamp, sequence number) index from {@code from}; on the embedded store a {@link SortedScan}.
     */
    public void forEachSince(Instant from, Class<?> payloadType, Consumer<DomainEventMessage<?>> action) {
        forEach(Selection.since(from).and(Selection.ofType(payloadType)), action);
    }

    private void forEach(Selection selection, Consumer<DomainEventMessage<?>> action) {
        if (embeddedScan != null) {
            MongoNamespace namespace = events.getNamespace();
            embeddedScan.forEach(namespace.getDatabaseName(), namespace.getCollectionName(), selection.matches(),
                    TrackingOrder::of, document -> action.accept(message(new EventEntry(document, LAYOUT))));
            return;
        }
        try (MongoCursor<Document> cursor = events.find(selection.filter())
                .sort(Sorts.ascending(LAYOUT.timestampProperty(), LAYOUT.sequenceNumberProperty()))
                .batchSize(batchSize)
                .iterator()) {
            while (cursor.hasNext()) {
                action.accept(message(new EventEntry(cursor.next(), LAYOUT)));
            }
        }
    }

    /** Which events a read wants, as a query for the driver and as the same test of a stored document. */
    private record Selection(Bson filter, Predicate<Map<String, Object>> matches) {

        static final Selection ALL = new Selection(new Document(), document -> true);

        static Selection since(Instant from) {
            // axon-mongo stores the timestamp as fixed-width ISO-8601 text, so text order is time order
            String timestamp = DateTimeUtils.formatInstant(from);
            return new Selection(Filters.gte(LAYOUT.timestampProperty(), timestamp),
                    document -> document.get(LAYOUT.timestampProperty()) instanceof String stored
                            && stored.compareTo(timestamp) >= 0);
        }

        static Selection ofType(Class<?> payloadType) {
            String type = payloadType.getName();
            return new Selection(Filters.eq(LAYOUT.payloadTypeProperty(), type),
                    document -> type.equals(document.get(LAYOUT.payloadTypeProperty())));
        }

        Selection and(Selection other) {
            return new Selection(Filters.and(filter, other.filter), matches.and(other.matches));
        }
    }

    /** The tracking order of a stored event: its timestamp text, then its sequence number. */
    private record TrackingOrder(String timestamp, long sequence) implements Comparable<TrackingOrder> {

        private static final Comparator<TrackingOrder> ORDER =
                Comparator.comparing(TrackingOrder::timestamp).thenComparingLong(TrackingOrder::sequence);

        static TrackingOrder of(Map<String, Object> stored) {
            return new TrackingOrder(String.valueOf(stored.get(LAYOUT.timestampProperty())),
                    stored.get(LAYOUT.sequenceNumberProperty()) instanceof Number n ? n.longValue() : 0);
        }

        @Override
        public int compareTo(TrackingOrder other) {
            return ORDER.compare(this, other);
        }
    }

    private DomainEventMessage<?> message(EventEntry entry) {
        return new GenericDomainEventMessage<>(entry.getType(), entry.getAggregateIdentifier(),
                entry.getSequenceNumber(), new SerializedMessage<>(entry.getEventIdentifier(), entry.getPayload(),
                entry.getMetaData(), serializer), entry.getTimestamp());
    }
}
