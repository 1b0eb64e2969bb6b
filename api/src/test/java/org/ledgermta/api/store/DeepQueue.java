package org.ledgermta.api.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.bson.types.Binary;
import org.h2.mvstore.MVStore;

/**
 * The embedded store filled as a relay with delivery paused fills it: writers accept messages (a body, two
 * events, a saga, a queue entry, the day's statistics, a tracking token), every one group-committed and none
 * ever delivered, so the store only grows; then a clean close and a reopen that counts what is there. Run by
 * {@link DeepQueueReopensBenchmark}.
 */
final class DeepQueue {

    record Settings(int messages, int writers, int bodyBytes) {
    }

    record Outcome(long accepted, long fileBytesAtClose, long bodies, long events, long queued, long sagas,
                   List<String> failures) {

        String summary() {
            return ("accepted %d, store file %.1f MB at close; after reopen: bodies %d, events %d, queue entries %d,"
                    + " sagas %d%s").formatted(accepted, fileBytesAtClose / 1e6, bodies, events, queued, sagas,
                    failures.isEmpty() ? "" : "; failures: " + failures);
        }
    }

    private static final String DATABASE = "ledger";

    private final Settings settings;
    private final Path dataDir;
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    DeepQueue(Settings settings, Path dataDir) {
        this.settings = settings;
        this.dataDir = dataDir;
    }

    Outcome run() throws InterruptedException {
        EmbeddedLedgerStore embedded = EmbeddedLedgerStore.open(dataDir, Duration.ofSeconds(60));
        try (MongoClient client = MongoClients.create(embedded.connectionString(DATABASE))) {
            MongoDatabase database = client.getDatabase(DATABASE);
            createIndexes(database);
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < settings.writers(); w++) {
                threads.add(Thread.ofPlatform().name("deep-queue-writer-" + w)
                        .start(() -> accept(database, embedded.durabilityBarrier())));
            }
            long start = System.nanoTime();
            for (Thread thread : threads) {
                while (thread.isAlive()) {
                    thread.join(10_000);
                    progress(embedded.mvStore(), start);
                }
            }
        } finally {
            try {
                embedded.close();
            } catch (RuntimeException e) {
                failures.add("close: " + e);
            }
        }
        long fileBytes = StoreLoad.storeFileBytes(dataDir);
        try (EmbeddedLedgerStore reopened = EmbeddedLedgerStore.open(dataDir, Duration.ofSeconds(60));
             MongoClient client = MongoClients.create(reopened.connectionString(DATABASE))) {
            MongoDatabase database = client.getDatabase(DATABASE);
            createIndexes(database);
            return new Outcome(accepted.get(), fileBytes,
                    count(database, "message_bodies"), count(database, "domainevents"),
                    count(database, "queue_view"), count(database, "sagas"), List.copyOf(failures));
        } catch (RuntimeException e) {
            failures.add("reopen: " + e);
            return new Outcome(accepted.get(), fileBytes, -1, -1, -1, -1, List.copyOf(failures));
        }
    }

    private long count(MongoDatabase database, String collection) {
        try {
            long count = 0;
            for (Document ignored : database.getCollection(collection).find().projection(new Document("_id", 1))) {
                count++;
            }
            return count;
        } catch (RuntimeException e) {
            failures.add("reading " + collection + " after reopen: " + e);
            return -1;
        }
    }

    /** The unique indexes the service creates on its collections (Axon's event store and the saga look-up). */
    private static void createIndexes(MongoDatabase database) {
        MongoCollection<Document> events = database.getCollection("domainevents");
        events.createIndex(Indexes.ascending("aggregateIdentifier", "sequenceNumber"),
                new IndexOptions().unique(true));
        events.createIndex(Indexes.ascending("eventIdentifier"), new IndexOptions().unique(true));
        database.getCollection("sagas").createIndex(Indexes.ascending("sagaIdentifier"),
                new IndexOptions().unique(true));
    }

    private void accept(MongoDatabase database, DurabilityBarrier barrier) {
        MongoCollection<Document> events = database.getCollection("domainevents");
        MongoCollection<Document> bodies = database.getCollection("message_bodies");
        MongoCollection<Document> queue = database.getCollection("queue_view");
        MongoCollection<Document> sagas = database.getCollection("sagas");
        MongoCollection<Document> statistics = database.getCollection("delivery_statistics");
        MongoCollection<Document> tokens = database.getCollection("trackingtokens");
        for (long i = next.getAndIncrement(); i < settings.messages(); i = next.getAndIncrement()) {
            String id = "message-%08d".formatted(i);
            try {
                bodies.insertOne(new Document("_id", id)
                        .append("data", new Binary(StoreLoad.randomBytes(settings.bodyBytes()))));
                events.insertMany(List.of(StoreLoad.event(id, 0, "MessageAcceptedEvent", 600),
                        StoreLoad.event(id, 1, "MessageSignatureSkippedEvent", 600)));
                barrier.awaitDurable();
                sagas.insertOne(new Document("sagaIdentifier", UUID.randomUUID().toString())
                        .append("sagaType", "RetrySaga").append("serializedSaga", "s".repeat(300))
                        .append("associations", List.of(new Document("key", "messageId").append("value", id))));
                queue.replaceOne(Filters.eq("_id", id), new Document("_id", id).append("state", "QUEUED")
                        .append("sender", "bench-sender@example.org").append("recipients", List.of(
                                new Document("address", "bench-rcpt@example.com").append("state", "PENDING"))),
                        new ReplaceOptions().upsert(true));
                statistics.updateOne(Filters.eq("_id", "day-" + (i % 3)), Updates.inc("accepted", 1),
                        new UpdateOptions().upsert(true));
                tokens.updateOne(Filters.eq("_id", "queue-view-" + (i % 2)), Updates.set("index", i),
                        new UpdateOptions().upsert(true));
                barrier.awaitDurable();
                accepted.incrementAndGet();
            } catch (RuntimeException e) {
                if (failures.size() < 5) {
                    failures.add(id + ": " + e);
                }
            }
        }
    }


    private void progress(MVStore mvStore, long start) {
        System.err.printf("deep queue: accepted %d in %d s, file %.1f MB, fill rate %d%%, chunks fill rate %d%%,"
                        + " version %d%n", accepted.get(), (System.nanoTime() - start) / 1_000_000_000L,
                StoreLoad.storeFileBytes(dataDir) / 1e6, mvStore.getFileStore().getFillRate(),
                mvStore.getFileStore().getChunksFillRate(), mvStore.getCurrentVersion());
    }

}
