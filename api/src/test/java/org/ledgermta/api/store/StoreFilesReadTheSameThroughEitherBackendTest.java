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
import java.util.List;
import java.util.function.Function;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Store files pass between mongo-java-server's own H2 backend and ours, both ways: every unique-index
 * look-up hits, a duplicate key is still refused, and every index map is in ObjectDataType's order.
 */
class StoreFilesReadTheSameThroughEitherBackendTest {

    private static final int PER_PASS = 400;

    @TempDir
    Path dataDir;

    @Test
    void keysWrittenThroughOneBackendAreFoundThroughTheOther() {
        Path file = dataDir.resolve(EmbeddedLedgerStore.FILE_NAME);
        // ours creates the index maps, theirs reads them, ours reopens what theirs wrote, theirs reads it all
        pass(file, StandInServer.LEDGER, 0);
        pass(file, StandInServer.H2, 1);
        pass(file, StandInServer.LEDGER, 2);
        pass(file, StandInServer.H2, 3);
    }

    // finds what the earlier passes wrote, then writes PER_PASS events more and moves some queue entries
    private void pass(Path file, Function<MVStore, H2Backend> backend, int number) {
        try (StandInServer store = StandInServer.open(file, backend)) {
            MongoCollection<Document> events = store.database().getCollection("domainevents");
            events.createIndex(Indexes.ascending("aggregateIdentifier", "sequenceNumber"), new IndexOptions().unique(true));
            events.createIndex(Indexes.ascending("eventIdentifier"), new IndexOptions().unique(true));
            events.createIndex(Indexes.ascending("reference"), new IndexOptions().unique(true));

            for (int i = 0; i < number * PER_PASS; i++) {
                assertThat(events.find(new Document("aggregateIdentifier", aggregate(i)).append("sequenceNumber", sequence(i)))
                        .first()).as("event %d by aggregate and sequence, pass %d", i, number)
                        .isNotNull().containsEntry("eventIdentifier", eventId(i));
                assertThat(events.find(Filters.eq("eventIdentifier", eventId(i))).first())
                        .as("event %d by id, pass %d", i, number).isNotNull();
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
            assertIndexMapsAreInObjectDataTypeOrder(store.mvStore);
        }
    }

    private static void assertIndexMapsAreInObjectDataTypeOrder(MVStore mvStore) {
        ObjectDataType order = new ObjectDataType();
        List<String> indexMaps = mvStore.getMapNames().stream().filter(name -> name.contains("._index_")).toList();
        assertThat(indexMaps).hasSizeGreaterThanOrEqualTo(4);
        for (String name : indexMaps) {
            MVMap<Object, Object> map = mvStore.openMap(name);
            Object previous = null;
            for (Object key : map.keySet()) {
                if (previous != null) {
                    assertThat(order.compare(previous, key)).as("%s: %s before %s", name, previous, key).isNegative();
                }
                previous = key;
            }
        }
    }

    private static Document event(int i) {
        return new Document("aggregateIdentifier", aggregate(i)).append("sequenceNumber", sequence(i))
                .append("eventIdentifier", eventId(i)).append("serializedPayload", "<accepted n=\"" + i + "\"/>");
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

    // values of several BSON types in one index, as ObjectDataType orders such keys across types too;
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
