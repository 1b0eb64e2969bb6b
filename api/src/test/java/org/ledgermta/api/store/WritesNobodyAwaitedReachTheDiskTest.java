package org.ledgermta.api.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Path;
import java.time.Duration;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A view's or a tracking token's write is not followed by a durability barrier; H2's background thread used
 * to commit it within a second. With that thread off ({@link StoreMaintenance}), the group-commit thread does.
 */
class WritesNobodyAwaitedReachTheDiskTest {

    @TempDir
    Path dataDir;

    @Test
    void aWriteWithoutABarrierIsCommittedWithinTheIdleFlush() throws Exception {
        try (EmbeddedLedgerStore store = EmbeddedLedgerStore.open(dataDir, Duration.ofSeconds(30));
             MongoClient client = MongoClients.create(store.connectionString("ledger"))) {
            client.getDatabase("ledger").getCollection("trackingtokens")
                    .insertOne(new Document("_id", "queue-view").append("index", 42));

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (store.mvStore().hasUnsavedChanges() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(store.mvStore().hasUnsavedChanges()).as("unsaved 10 s after the write").isFalse();
        }
    }
}
