package org.ledgermta.api.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.bson.types.Binary;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

/**
 * The embedded store under the load of a delivering MTA while the whole event collection is read again and
 * again: writers accept messages (a ~10 KB body, an event, a queue entry; group-committed), deliver them a
 * little later (two more events; the queue entry and the body deleted, a tracking token updated), so chunks
 * fill and empty and H2 compacts them; scanners meanwhile run queries the stand-in can only answer with a full
 * scan of the event collection. Used by {@link LongReadsDuringHeavyWritesKeepTheStoreReadableTest} and, at
 * larger sizes, by {@link LongReadsDuringHeavyWritesBenchmark}.
 */
final class ChurnAndScan {

    /**
     * @param prefilledEvents events written in bulk before the churn starts, so that a scan takes long
     * @param viewWriters threads that only rewrite view documents (as a replay rebuilding the views does), so
     *                    the store keeps committing while a scan holds the event collection
     * @param retention when set, the store's retention time is lowered to it: H2 measures retention from a
     *                  chunk's creation, so in a store that has run longer than the default 45 s every old
     *                  chunk is already past it; a short retention gets there without waiting
     */
    record Settings(int prefilledEvents, int writers, int viewWriters, int scanners, Duration duration, int bodyBytes,
                    int eventPayloadBytes, int undeliveredPerWriter, Duration retention) {
    }

    record Outcome(long messagesAccepted, long eventsAcknowledged, long viewWrites, long writeFailures, long scans,
                   long scanFailures, long slowestScanMillis, long medianScanMillis, long fileBytesAtEnd,
                   long eventsAfterReopen, long acknowledgedMissingAfterReopen, List<String> failures) {

        String summary() {
            return ("messages accepted %d, events acknowledged %d, view writes %d, write failures %d, scans %d"
                    + " (median %d ms, slowest %d ms), scan failures %d, store file %.1f MB, events after reopen %d,"
                    + " acknowledged but missing after reopen %d%s").formatted(
                    messagesAccepted, eventsAcknowledged, viewWrites, writeFailures, scans, medianScanMillis,
                    slowestScanMillis, scanFailures, fileBytesAtEnd / 1e6, eventsAfterReopen,
                    acknowledgedMissingAfterReopen, failures.isEmpty() ? "" : "; first failures: " + failures);
        }
    }

    private static final String EVENTS = "domainevents";
    private static final int FAILURES_KEPT = 5;

    private final Settings settings;
    private final Path dataDir;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong writeFailures = new AtomicLong();
    private final AtomicLong viewWrites = new AtomicLong();
    private final AtomicLong scanFailures = new AtomicLong();
    private final List<Long> scanMillis = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<EmbeddedLedgerStore> store = new AtomicReference<>();
    private volatile boolean stopping;

    ChurnAndScan(Settings settings, Path dataDir) {
        this.settings = settings;
        this.dataDir = dataDir;
    }

    Outcome run() throws InterruptedException {
        EmbeddedLedgerStore embedded = EmbeddedLedgerStore.open(dataDir, Duration.ofSeconds(30));
        store.set(embedded);
        if (settings.retention() != null) {
            embedded.mvStore().setRetentionTime((int) settings.retention().toMillis());
        }
        long fileBytes;
        try (MongoClient client = MongoClients.create(embedded.connectionString("ledger"))) {
            MongoDatabase database = client.getDatabase("ledger");
            MongoCollection<Document> events = database.getCollection(EVENTS);
            events.createIndex(Indexes.ascending("aggregateIdentifier", "sequenceNumber"),
                    new IndexOptions().unique(true));
            events.createIndex(Indexes.ascending("eventIdentifier"), new IndexOptions().unique(true));
            prefill(events);
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < settings.writers(); w++) {
                int lane = w;
                threads.add(Thread.ofPlatform().name("churn-writer-" + w).start(() -> write(database, lane)));
            }
            for (int v = 0; v < settings.viewWriters(); v++) {
                int lane = v;
                threads.add(Thread.ofPlatform().name("churn-view-writer-" + v)
                        .start(() -> writeViews(database, lane)));
            }
            for (int s = 0; s < settings.scanners(); s++) {
                threads.add(Thread.ofPlatform().name("churn-scanner-" + s).start(() -> scan(events)));
            }
            long deadline = System.nanoTime() + settings.duration().toNanos();
            while (System.nanoTime() < deadline) {
                Thread.sleep(Math.min(10_000, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
                progress(embedded);
            }
            stopping = true;
            for (Thread thread : threads) {
                thread.join();
            }
        } finally {
            try {
                embedded.close();
            } catch (RuntimeException e) {
                failures.add("close: " + e);
            }
        }
        fileBytes = StoreLoad.storeFileBytes(dataDir);
        long eventsAfterReopen;
        long missing;
        try (EmbeddedLedgerStore reopened = EmbeddedLedgerStore.open(dataDir, Duration.ofSeconds(30));
             MongoClient client = MongoClients.create(reopened.connectionString("ledger"))) {
            MongoCollection<Document> events = client.getDatabase("ledger").getCollection(EVENTS);
            Set<String> stored = new HashSet<>();
            long count = 0;
            for (Document event : events.find().projection(new Document("aggregateIdentifier", 1)
                    .append("sequenceNumber", 1))) {
                count++;
                stored.add(event.getString("aggregateIdentifier") + "/" + event.getInteger("sequenceNumber"));
            }
            eventsAfterReopen = count;
            missing = acknowledged.stream().filter(id -> !stored.contains(id)).count();
        }
        List<Long> scans = new ArrayList<>(scanMillis);
        Collections.sort(scans);
        return new Outcome(accepted.get(), acknowledged.size(), viewWrites.get(), writeFailures.get(), scans.size(),
                scanFailures.get(), scans.isEmpty() ? 0 : scans.getLast(),
                scans.isEmpty() ? 0 : scans.get(scans.size() / 2), fileBytes, eventsAfterReopen, missing,
                List.copyOf(failures));
    }

    private void prefill(MongoCollection<Document> events) {
        long start = System.nanoTime();
        DurabilityBarrier barrier = store.get().durabilityBarrier();
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < settings.prefilledEvents(); i++) {
            String id = "prefilled-%07d".formatted(i);
            batch.add(StoreLoad.event(id, 0, "MessageAcceptedEvent", settings.eventPayloadBytes()));
            acknowledged.add(id + "/0");
            if (batch.size() == 1000 || i == settings.prefilledEvents() - 1) {
                events.insertMany(batch);
                barrier.awaitDurable();
                batch.clear();
            }
        }
        System.err.printf("prefilled %d events in %d ms%n", settings.prefilledEvents(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private void write(MongoDatabase database, int lane) {
        MongoCollection<Document> events = database.getCollection(EVENTS);
        MongoCollection<Document> bodies = database.getCollection("bodies");
        MongoCollection<Document> queue = database.getCollection("queue");
        MongoCollection<Document> tokens = database.getCollection("trackingtokens");
        ArrayDeque<String> undelivered = new ArrayDeque<>();
        DurabilityBarrier barrier = store.get().durabilityBarrier();
        for (long i = 0; !stopping; i++) {
            String id = "m-%d-%07d".formatted(lane, i);
            try {
                bodies.insertOne(new Document("_id", "body-" + id)
                        .append("data", new Binary(StoreLoad.randomBytes(settings.bodyBytes()))));
                events.insertOne(StoreLoad.event(id, 0, "MessageAcceptedEvent", settings.eventPayloadBytes()));
                queue.insertOne(new Document("_id", id).append("state", "queued").append("attempts", 0));
                barrier.awaitDurable();
                accepted.incrementAndGet();
                acknowledged.add(id + "/0");
                undelivered.add(id);
                if (undelivered.size() > settings.undeliveredPerWriter()) {
                    String done = undelivered.poll();
                    events.insertOne(StoreLoad.event(done, 1, "DeliveryAttemptedEvent", settings.eventPayloadBytes()));
                    events.insertOne(StoreLoad.event(done, 2, "MessageDeliveredEvent", settings.eventPayloadBytes()));
                    queue.deleteOne(Filters.eq("_id", done));
                    bodies.deleteOne(Filters.eq("_id", "body-" + done));
                    tokens.updateOne(Filters.eq("_id", "delivery-" + lane), Updates.set("index", i),
                            new UpdateOptions().upsert(true));
                    barrier.awaitDurable();
                    acknowledged.add(done + "/1");
                    acknowledged.add(done + "/2");
                }
            } catch (RuntimeException e) {
                writeFailures.incrementAndGet();
                keep("writer " + lane + ": " + e);
                pause();
            }
        }
    }

    private void writeViews(MongoDatabase database, int lane) {
        MongoCollection<Document> views = database.getCollection("queueview");
        DurabilityBarrier barrier = store.get().durabilityBarrier();
        for (long i = 0; !stopping; i++) {
            String id = "v-%d-%07d".formatted(lane, i % 2_000);
            try {
                views.replaceOne(Filters.eq("_id", id), new Document("_id", id).append("round", i / 2_000)
                                .append("detail", "y".repeat(ThreadLocalRandom.current().nextInt(200, 4_000))),
                        new ReplaceOptions().upsert(true));
                if (i % 3 == 0) {
                    views.deleteOne(Filters.eq("_id", "v-%d-%07d".formatted(lane, (i + 1_000) % 2_000)));
                }
                barrier.awaitDurable();
                viewWrites.incrementAndGet();
            } catch (RuntimeException e) {
                writeFailures.incrementAndGet();
                keep("view writer " + lane + ": " + e);
                pause();
            }
        }
    }


    /** A range query with a sort: the stand-in answers it by reading every document of the collection. */
    private void scan(MongoCollection<Document> events) {
        while (!stopping) {
            long start = System.nanoTime();
            try {
                events.find(Filters.gte("timestamp", "")).sort(Sorts.ascending("timestamp", "sequenceNumber"))
                        .limit(100).into(new ArrayList<>());
                scanMillis.add((System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException e) {
                scanFailures.incrementAndGet();
                keep("scan: " + e);
                pause();
            }
        }
    }

    private void progress(EmbeddedLedgerStore embedded) {
        MVStore mvStore = embedded.mvStore();
        FileStore<?> fileStore = mvStore.getFileStore();
        long chunks;
        try {
            chunks = mvStore.getLayoutMap().keySet().stream().filter(key -> key.startsWith("chunk.")).count();
        } catch (MVStoreException e) {
            // this diagnostic walks the layout map unpinned: a commit may free a chunk under it (-1: not counted)
            chunks = -1;
        }
        System.err.printf("progress: accepted %d, acknowledged events %d, view writes %d, scans %d, scan failures"
                        + " %d, write failures %d, file %.1f MB, fill rate %d%%, chunks fill rate %d%%, chunks %d,"
                        + " version %d%n",
                accepted.get(), acknowledged.size(), viewWrites.get(), scanMillis.size(), scanFailures.get(),
                writeFailures.get(), StoreLoad.storeFileBytes(dataDir) / 1e6, fileStore.getFillRate(),
                fileStore.getChunksFillRate(), chunks, mvStore.getCurrentVersion());
    }

    private void keep(String failure) {
        if (failures.size() < FAILURES_KEPT) {
            failures.add(failure);
            System.err.println("failure: " + failure);
        }
    }



    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
