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
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cost of the embedded store's stand-in per write and per point find, H2Backend against LedgerH2Backend,
 * through the MongoDB driver; not a test: its name keeps it out of surefire's default includes. Run alone:
 * <pre>./mvnw -q -B -o test -pl api -am -Dtest=StandInWriteBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * with {@code -Dstandin.benchmark.messages=N} (5,000), {@code -Dstandin.benchmark.runs=R} (5) and
 * {@code -Dstandin.benchmark.cache-mb=M} (MVStore's page cache, H2's default 16); {@code
 * -Dstandin.benchmark.backends=LEDGER} runs one backend only (for a profile).
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

    @TempDir
    Path tempDir;

    private final int messages = Integer.getInteger("standin.benchmark.messages", 5_000);
    private final int runs = Integer.getInteger("standin.benchmark.runs", 5);
    private final int cacheMegabytes = Integer.getInteger("standin.benchmark.cache-mb", 16);
    private final List<Backend> backends = Arrays.stream(System.getProperty("standin.benchmark.backends", "H2,LEDGER")
            .split(",")).map(Backend::valueOf).toList();
    private final List<String> report = new ArrayList<>();
    private long writes;

    @Test
    void insertsUpdatesAndPointFindsThroughTheDriver() throws IOException {
        line("JVM %s, %d cores; %d messages, %d runs, MVStore cache %d MB", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), messages, runs, cacheMegabytes);
        Map<Backend, Map<String, List<Phase>>> results = new EnumMap<>(Backend.class);
        for (Backend backend : backends) {
            runOnce(backend.open, tempDir.resolve(backend + "-warm-up"));
        }
        for (int run = 1; run <= runs; run++) {
            List<Backend> order = new ArrayList<>(backends);
            if (run % 2 == 0) {
                Collections.reverse(order);
            }
            for (Backend backend : order) {
                for (Phase phase : runOnce(backend.open, tempDir.resolve(backend + "-" + run))) {
                    line("run %d %-6s %-7s %s", run, backend, phase.name(), describe(phase));
                    results.computeIfAbsent(backend, b -> new LinkedHashMap<>())
                            .computeIfAbsent(phase.name(), p -> new ArrayList<>()).add(phase);
                }
            }
        }
        line("medians of %d runs:", runs);
        results.forEach((backend, phases) -> phases.forEach((name, list) ->
                line("%-6s %-7s %s", backend, name, describe(median(list)))));
        Path out = Path.of("target", "standin-benchmark.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, report);
    }

    private List<Phase> runOnce(Function<MVStore, H2Backend> backend, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Phase> phases = new ArrayList<>();
        try (StandInServer store = StandInServer.open(dir.resolve(EmbeddedLedgerStore.FILE_NAME), backend,
                cacheMegabytes)) {
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
