package org.ledgermta.api.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Events with three unique indexes written to a stand-in store in passes, each pass on a new opening of the
 * file: a pass finds by every index what the passes before wrote, is refused a duplicate key, writes
 * {@link #PER_PASS} events more and moves some events' unique keys; then every index map must be in the
 * order the test expects of the file's key type.
 */
final class IndexedEvents {

    static final int PER_PASS = 400;

    private IndexedEvents() {
    }

    static void pass(Path file, Function<MVStore, H2Backend> backend, int number, Comparator<Object> keyOrder) {
        try (StandInServer store = StandInServer.open(file, backend)) {
            MongoCollection<Document> events = store.database().getCollection("domainevents");
            IndexOptions unique = new IndexOptions().unique(true);
            events.createIndex(Indexes.ascending("aggregateIdentifier", "sequenceNumber"), unique);
            events.createIndex(Indexes.ascending("eventIdentifier"), unique);
            events.createIndex(Indexes.ascending("reference"), unique);

            for (int i = 0; i < number * PER_PASS; i++) {
                Document bySequence = new Document("aggregateIdentifier", aggregate(i))
                        .append("sequenceNumber", sequence(i));
                assertThat(events.find(bySequence).first()).as("event %d by aggregate and sequence, pass %d", i, number)
                        .isNotNull().containsEntry("eventIdentifier", eventId(i));
                assertThat(events.find(Filters.eq("eventIdentifier", eventId(i))).first())
                        .as("event %d by id, pass %d", i, number).isNotNull()
                        .containsEntry("serializedPayload", payload(i));
                assertThat(events.find(Filters.eq("reference", reference(i, number))).first())
                        .as("event %d by its reference, pass %d", i, number).isNotNull()
                        .containsEntry("eventIdentifier", eventId(i));
            }
            if (number > 0) {
                assertThatThrownBy(() -> events.insertOne(event(0).append("eventIdentifier", "another")))
                        .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            }

            for (int i = number * PER_PASS; i < (number + 1) * PER_PASS; i++) {
                events.insertOne(event(i).append("reference", reference(i, number + 1)));
            }
            // a changed unique key leaves the index under its old key and enters it under the new one
            for (int i = 0; i < number * PER_PASS; i += 7) {
                events.updateOne(Filters.eq("eventIdentifier", eventId(i)),
                        Updates.set("reference", reference(i, number + 1)));
            }
            assertIndexMapsAreInOrder(store.mvStore, keyOrder);
        }
    }

    private static void assertIndexMapsAreInOrder(MVStore mvStore, Comparator<Object> keyOrder) {
        List<String> indexMaps = mvStore.getMapNames().stream().filter(name -> name.contains("._index_")).toList();
        assertThat(indexMaps).hasSizeGreaterThanOrEqualTo(4);
        for (String name : indexMaps) {
            MVMap<Object, Object> map = mvStore.openMap(name);
            Object previous = null;
            for (Object key : map.keySet()) {
                if (previous != null) {
                    assertThat(keyOrder.compare(previous, key)).as("%s: %s before %s", name, previous, key)
                            .isNegative();
                }
                previous = key;
            }
        }
    }

    private static Document event(int i) {
        return new Document("aggregateIdentifier", aggregate(i)).append("sequenceNumber", sequence(i))
                .append("eventIdentifier", eventId(i)).append("serializedPayload", payload(i));
    }

    private static String payload(int i) {
        return "<accepted n=\"" + i + "\"/>";
    }

    private static String aggregate(int i) {
        return "message-" + (i / 3);
    }

    private static long sequence(int i) {
        return i % 3;
    }

    private static String eventId(int i) {
        return "event-" + Integer.toHexString(i * 7919);
    }

    // values of several BSON types in one index, as a key type orders such keys across types too;
    // every 7th changes with each pass (see the update above)
    private static Object reference(int i, int pass) {
        int version = i % 7 == 0 ? pass : 0;
        return switch (i % 5) {
            case 0 -> "ref-" + i + "-" + version;
            case 1 -> (long) i * 1_000_003L + version;
            case 2 -> i * 10 + version;
            case 3 -> new ObjectId(String.format("%016x%08x", i, version));
            default -> new Document("domain", "receiver" + i + ".example").append("v", version);
        };
    }
}
