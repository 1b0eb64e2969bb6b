package org.ledgermta.api.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stand-in changes a stored document in place and puts it back, while the group commit writes the pages
 * that hold it. Entries updated ($inc, $set, a replacement) between group commits, beside an event collection
 * only appended to, on the same pages as entries left alone: after a restart every entry is in its last state
 * and every event is there.
 */
class DocumentsChangedInPlaceReachTheDiskTest {

    private static final int ENTRIES = 300;
    private static final int ROUNDS = 60;

    @TempDir
    Path dataDir;

    @Test
    void everyEntryReopensInItsLastStateAndEveryEventIsThere() {
        Map<Integer, Document> expected = new HashMap<>();
        int events = 0;
        try (EmbeddedLedgerStore store = EmbeddedLedgerStore.open(dataDir, Duration.ofSeconds(30));
             MongoClient client = MongoClients.create(store.connectionString("ledger"))) {
            MongoDatabase database = client.getDatabase("ledger");
            MongoCollection<Document> queue = database.getCollection("queue_view");
            MongoCollection<Document> eventLog = database.getCollection("domainevents");
            for (int i = 0; i < ENTRIES; i++) {
                Document entry = new Document("_id", i).append("attempts", 0).append("state", "queued");
                queue.insertOne(entry);
                expected.put(i, entry);
            }
            store.durabilityBarrier().awaitDurable();
            SplittableRandom random = new SplittableRandom(11);
            for (int round = 1; round <= ROUNDS; round++) {
                for (int change = 0; change < 15; change++) {
                    int id = random.nextInt(ENTRIES);
                    Document now = expected.get(id);
                    if (random.nextInt(4) == 0) {
                        Document replacement = new Document("_id", id).append("attempts", now.getInteger("attempts"))
                                .append("state", "replaced-" + round).append("note", "round " + round);
                        queue.replaceOne(Filters.eq("_id", id), replacement);
                        expected.put(id, replacement);
                    } else {
                        queue.updateOne(Filters.eq("_id", id),
                                Updates.combine(Updates.inc("attempts", 1), Updates.set("state", "deferred-" + round)));
                        expected.put(id, new Document(now).append("attempts", now.getInteger("attempts") + 1)
                                .append("state", "deferred-" + round));
                    }
                }
                for (int e = 0; e < 20; e++) {
                    eventLog.insertOne(new Document("seq", events++).append("payload", "x".repeat(700)));
                }
                // each round committed: pages with an entry changed and its unchanged neighbours written again
                store.durabilityBarrier().awaitDurable();
            }
        }

        try (EmbeddedLedgerStore reopened = EmbeddedLedgerStore.open(dataDir, Duration.ofSeconds(30));
             MongoClient client = MongoClients.create(reopened.connectionString("ledger"))) {
            MongoDatabase database = client.getDatabase("ledger");
            Map<Integer, Document> found = new HashMap<>();
            for (Document entry : database.getCollection("queue_view").find()) {
                found.put(entry.getInteger("_id"), entry);
            }
            assertThat(found).as("queue entries after the restart").isEqualTo(expected);
            assertThat(database.getCollection("domainevents").countDocuments()).isEqualTo(events);
        }
    }
}
