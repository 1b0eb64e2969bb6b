package org.ledgermta.api.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.nio.file.Path;
import java.time.Duration;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A queue's working set rewritten over and over must not grow the store's file: the chunks its old
 * versions emptied are reused. With H2's defaults (a background thread committing without fsync, so an
 * emptied chunk was kept 45 s) the file grew with everything written in the last 45 s: 100,000 queued
 * messages took a 9.3 GB file ({@code DeepQueueReopensBenchmark}); this churn of 4,000 rewrites of a 1 MB
 * working set left a file of 116 MB. {@link StoreMaintenance} fsyncs every version and frees at once: 4.4 MB.
 */
class ChurnedStoreReusesItsSpaceTest {

    private static final int WORKING_SET = 100;
    private static final int BODY_BYTES = 10_000;

    @TempDir
    Path dataDir;

    @Test
    void rewritingTheSameMessagesLeavesTheFileNearTheirSize() throws Exception {
        try (EmbeddedLedgerStore store = EmbeddedLedgerStore.open(dataDir, Duration.ofSeconds(30));
             MongoClient client = MongoClients.create(store.connectionString("ledger"))) {
            MongoCollection<Document> bodies = client.getDatabase("ledger").getCollection("message_bodies");
            for (int i = 0; i < 4_000; i++) {
                String id = "message-" + (i % WORKING_SET);
                bodies.replaceOne(Filters.eq("_id", id),
                        new Document("_id", id).append("data", new Binary(StoreLoad.randomBytes(BODY_BYTES))),
                        new ReplaceOptions().upsert(true));
                store.durabilityBarrier().awaitDurable();
            }
            assertThat(bodies.countDocuments()).isEqualTo(WORKING_SET);
        }
        long fileBytes = StoreLoad.storeFileBytes(dataDir);
        // the working set is 1 MB; 40 MB of rewrites went through the store
        assertThat(fileBytes).as("store file after the churn, bytes").isLessThan(16L << 20);
    }
}
