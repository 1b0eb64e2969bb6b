package org.ledgermta.api.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.bson.Document;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cost of the embedded store's stand-in per write and per point find, H2Backend against LedgerH2Backend,
 * through the MongoDB driver; not a test: its name keeps it out of surefire's default includes. Run alone:
 * <pre>./mvnw -q -B -o test -pl api -am -Dtest=StandInWriteBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * with {@code -Dstandin.benchmark.messages=N} (5,000), {@code -Dstandin.benchmark.runs=R} (5) and
 * {@code -Dstandin.benchmark.variants=H2,LEDGER} (the default), each a backend and optionally the MVStore's
 * page cache in MB (H2's default 16): {@code LEDGER:16,LEDGER:64}, or {@code LEDGER} alone for a profile.
 *
 * <p>Per message, as the relay writes them: an event (1 KB payload, Axon's two unique indexes), a 10 KB
 * body keyed by its hash, a queue document; then one update of the queue document; then, in random order,
 * a point find of each of the three. The MVStore is committed every 20 writes (the group commit, without
 * its fsync). One untimed run per backend warms the JIT up; then each run opens a fresh store per backend,
 * alternating which goes first. The figures are the medians of the runs, wall time and the process's CPU
 * time (every thread: driver, server, MVStore's own), and go to stdout and
 * {@code api/target/standin-benchmark.txt}.
 */
@Tag("benchmark")
class StandInWriteBenchmark {

    private static final int COMMIT_EVERY = 20;
    private static final String PAYLOAD = "<org.ledgermta.domain.message.MessageAcceptedEvent>"
            + "x".repeat(900) + "</org.ledgermta.domain.message.MessageAcceptedEvent>";
    private static final String BODY = "Received: from client.example\r\n" + "y".repeat(10_000);

    enum Backend {
        H2(StandInServer.H2), LEDGER(StandInServer.LEDGER);

        final Function<MVStore, H2Backend> open;

        Backend(Function<MVStore, H2Backend> open) {
            this.open = open;
        }
    }

    record Phase(String name, int operations, long wallNanos, long cpuNanos) {
    }

    // BACKEND:CACHE_MB, e.g. LEDGER:64
    record Variant(Backend backend, int cacheMegabytes) {

        static Variant parse(String text) {
            String[] parts = text.split(":");
            return new Variant(Backend.valueOf(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 16);
        }

        @Override
        public String toString() {
            return backend + ":" + cacheMegabytes;
        }
    }

    @TempDir
    Path tempDir;

    private final int messages = Integer.getInteger("standin.benchmark.messages", 5_000);
    private final int runs = Integer.getInteger("standin.benchmark.runs", 5);
    private final List<Variant> variants = Arrays.stream(System.getProperty("standin.benchmark.variants", "H2,LEDGER")
            .split(",")).map(Variant::parse).toList();
    private final List<String> report = new ArrayList<>();
    private long writes;

    @Test
    void insertsUpdatesAndPointFindsThroughTheDriver() throws IOException {
        line("JVM %s, %d cores; %d messages, %d runs, backend:MVStore cache MB %s", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), messages, runs, variants);
        Map<Variant, Map<String, List<Phase>>> results = new LinkedHashMap<>();
        for (Variant variant : variants) {
            runOnce(variant, tempDir.resolve(variant.backend() + "-" + variant.cacheMegabytes() + "-warm-up"));
        }
        for (int run = 1; run <= runs; run++) {
            List<Variant> order = new ArrayList<>(variants);
            if (run % 2 == 0) {
                Collections.reverse(order);
            }
            for (Variant variant : order) {
                Path dir = tempDir.resolve(variant.backend() + "-" + variant.cacheMegabytes() + "-" + run);
                for (Phase phase : runOnce(variant, dir)) {
                    line("run %d %-9s %-7s %s", run, variant, phase.name(), describe(phase));
                    results.computeIfAbsent(variant, b -> new LinkedHashMap<>())
                            .computeIfAbsent(phase.name(), p -> new ArrayList<>()).add(phase);
                }
            }
        }
        line("medians of %d runs:", runs);
        results.forEach((variant, phases) -> phases.forEach((name, list) ->
                line("%-9s %-7s %s", variant, name, describe(median(list)))));
        Path out = Path.of("target", "standin-benchmark.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, report);
    }

    private List<Phase> runOnce(Variant variant, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Phase> phases = new ArrayList<>();
        try (StandInServer store = StandInServer.open(dir.resolve(EmbeddedLedgerStore.FILE_NAME),
                variant.backend().open, variant.cacheMegabytes())) {
            MVStore mvStore = store.mvStore;
            MongoDatabase db = store.database();
            MongoCollection<Document> events = db.getCollection("domainevents");
            events.createIndex(Indexes.ascending("aggregateIdentifier", "sequenceNumber"), new IndexOptions().unique(true));
            events.createIndex(Indexes.ascending("eventIdentifier"), new IndexOptions().unique(true));
            MongoCollection<Document> bodies = db.getCollection("message_bodies");
            MongoCollection<Document> queue = db.getCollection("queue_view");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < messages; i++) {
                ids.add(UUID.nameUUIDFromBytes(("message-" + i).getBytes()).toString());
            }

            phases.add(timed("insert", messages * 3, i -> {
                String id = ids.get(i);
                events.insertOne(new Document("aggregateIdentifier", id).append("type", "OutboundMessage")
                        .append("sequenceNumber", 0L).append("eventIdentifier", UUID.randomUUID().toString())
                        .append("timestamp", "2026-11-28T10:00:00.000Z").append("payloadType", "MessageAcceptedEvent")
                        .append("serializedPayload", PAYLOAD).append("serializedMetaData", "<meta-data/>"));
                committing(mvStore);
                bodies.insertOne(new Document("_id", bodyKey(id)).append("content", BODY));
                committing(mvStore);
                queue.insertOne(new Document("_id", id).append("state", "ACCEPTED").append("account", "bench")
                        .append("attempts", 0).append("recipients", List.of("a@receiver.example", "b@receiver.example")));
                committing(mvStore);
            }));
            phases.add(timed("update", messages, i -> {
                queue.updateOne(Filters.eq("_id", ids.get(i)),
                        Updates.combine(Updates.set("state", "DELIVERED"), Updates.inc("attempts", 1)));
                committing(mvStore);
            }));
            List<String> shuffled = new ArrayList<>(ids);
            Collections.shuffle(shuffled, new Random(42));
            phases.add(timed("find", messages * 3, i -> {
                String id = shuffled.get(i);
                assertThat(events.find(new Document("aggregateIdentifier", id).append("sequenceNumber", 0L))
                        .first()).isNotNull();
                assertThat(bodies.find(Filters.eq("_id", bodyKey(id))).first()).isNotNull();
                assertThat(queue.find(Filters.eq("_id", id)).first()).containsEntry("state", "DELIVERED");
            }));
            FileStore<?> file = mvStore.getFileStore();
            line("%s: store file %d MB, page cache %d of %d MB used, hit ratio %d %% (all phases)", variant,
                    file.size() >> 20, file.getCacheSizeUsed(), file.getCacheSize(), file.getCacheHitRatio());
        }
        return phases;
    }

    private Phase timed(String name, int operations, IntConsumer perMessage) {
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            perMessage.accept(i);
        }
        return new Phase(name, operations, System.nanoTime() - start, processCpuNanos() - cpu);
    }

    private void committing(MVStore mvStore) {
        if (++writes % COMMIT_EVERY == 0) {
            mvStore.commit();
        }
    }

    private static String bodyKey(String id) {
        return "sha256-" + id;
    }

    private static Phase median(List<Phase> phases) {
        List<Phase> byWall = new ArrayList<>(phases);
        byWall.sort((a, b) -> Long.compare(a.wallNanos(), b.wallNanos()));
        List<Long> cpu = phases.stream().map(Phase::cpuNanos).sorted().toList();
        Phase middle = byWall.get(byWall.size() / 2);
        return new Phase(middle.name(), middle.operations(), middle.wallNanos(), cpu.get(cpu.size() / 2));
    }

    private static String describe(Phase phase) {
        return String.format(Locale.ROOT, "%6d ops  wall %7.0f ms = %7.0f ops/s  cpu %7.0f ms = %6.1f µs/op",
                phase.operations(), phase.wallNanos() / 1e6, phase.operations() / (phase.wallNanos() / 1e9),
                phase.cpuNanos() / 1e6, phase.cpuNanos() / 1e3 / phase.operations());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private void line(String format, Object... args) {
        String text = String.format(Locale.ROOT, format, args);
        System.out.println(text);
        report.add(text);
    }
}
