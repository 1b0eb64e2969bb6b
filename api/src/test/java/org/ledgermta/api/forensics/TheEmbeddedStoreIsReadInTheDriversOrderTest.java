package org.ledgermta.api.forensics;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntry;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledgermta.api.config.StoreProperties;
import org.ledgermta.api.store.LedgerStore;

/**
 * On the embedded store the ledger's events are read by a bounded-memory scan instead of a sorted query; it
 * must give the very selection and order the driver's query gives: events inserted out of time order, of
 * two payload types, several per aggregate, read whole, since an instant, and of one type since an instant.
 */
class TheEmbeddedStoreIsReadInTheDriversOrderTest {

    private static final Instant START = Instant.parse("2026-11-29T08:00:00Z");
    private static final int EVENTS = 3_000;

    @TempDir
    Path dataDir;

    @Test
    void theScanSelectsAndOrdersAsTheSortedQueryDoes() {
        try (LedgerStore store = LedgerStore.connect(null,
                new StoreProperties(dataDir, "ledgermta", 0, 50, 1000, Duration.ofSeconds(5)))) {
            MongoCollection<Document> collection = store.database().getCollection("domainevents");
            Serializer serializer = JacksonSerializer.defaultSerializer();
            List<Document> events = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                events.add(stored(i, serializer));
            }
            Collections.shuffle(events, new Random(20261129));
            collection.insertMany(events);

            LedgerEvents byQuery = new LedgerEvents(collection, serializer, 100);
            LedgerEvents byScan = new LedgerEvents(collection, serializer, 100, store.sortedScan());
            assertThat(store.sortedScan()).isPresent();

            Instant middle = START.plus(Duration.ofSeconds(EVENTS / 12)); // half of the 500 s the events span
            assertSameRead(byQuery, byScan, (ledger, ids) -> ledger.forEach(event -> ids.add(event.getIdentifier())));
            assertSameRead(byQuery, byScan,
                    (ledger, ids) -> ledger.forEachSince(middle, event -> ids.add(event.getIdentifier())));
            assertSameRead(byQuery, byScan, (ledger, ids) -> ledger.forEachSince(middle, Long.class,
                    event -> ids.add(event.getIdentifier())));
        }
    }

    private static void assertSameRead(LedgerEvents byQuery, LedgerEvents byScan,
                                       BiConsumer<LedgerEvents, List<String>> read) {
        List<String> expected = new ArrayList<>();
        read.accept(byQuery, expected);
        List<String> actual = new ArrayList<>();
        read.accept(byScan, actual);
        assertThat(expected).isNotEmpty();
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    // aggregates of three events; each aggregate's events within its second, sequence numbers in order; a
    // String payload for most, a Long for every fifth; two aggregates share each second
    private static Document stored(int i, Serializer serializer) {
        int aggregate = i / 3;
        Instant at = START.plusSeconds(aggregate / 2).plusMillis(aggregate % 2 == 0 ? 0 : 500);
        Object payload = i % 5 == 0 ? (Object) (long) i : "event " + i;
        DomainEventMessage<?> event = new GenericDomainEventMessage<>("OutboundMessage", "message-" + aggregate,
                i % 3, payload, MetaData.emptyInstance(), "event-" + i, at);
        return new EventEntry(event, serializer).asDocument(EventEntryConfiguration.getDefault());
    }
}
