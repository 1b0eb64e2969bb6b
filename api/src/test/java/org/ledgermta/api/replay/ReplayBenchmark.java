package org.ledgermta.api.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledgermta.api.LedgerApplication;
import org.ledgermta.api.forensics.LedgerEvents;
import org.ledgermta.api.store.LedgerStore;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.IntakeRoute;
import org.ledgermta.domain.ReversePath;
import org.ledgermta.domain.egress.EgressIpAddedEvent;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.egress.PoolName;
import org.ledgermta.domain.message.DeliveryAttemptedEvent;
import org.ledgermta.domain.message.DeliveryDeferredEvent;
import org.ledgermta.domain.message.DeliveryRetryScheduledEvent;
import org.ledgermta.domain.message.MessageAcceptedEvent;
import org.ledgermta.domain.message.MessageBody;
import org.ledgermta.domain.message.MessageDeliveredEvent;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.RecipientOutcome;
import org.ledgermta.domain.message.RecipientResult;
import org.ledgermta.domain.message.SmtpReply;
import org.ledgermta.projections.queue.QueueView;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Replay speed on the embedded store, not a test: its name keeps it out of surefire's default includes,
 * so {@code verify} never runs it. Run it alone:
 * <pre>./mvnw -q -B -o -pl api -am verify -Dtest=ReplayBenchmark -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * ({@code -Dreplay.benchmark.events=N} for another size). It appends ~100k events straight to the storage
 * engine in batches of 1,000 (30,303 messages: 90% accepted, attempted, delivered; 10% accepted, deferred,
 * retry scheduled, attempted again, delivered; plus 4 egress IPs), then times: reading and deserializing
 * them all (no view), two full replays (the second clears 30k queue documents first), the per-event store
 * operations of the queue view alone, and, for comparison, Axon's {@code EventStore.openStream(null)} for
 * 20 s. The figures go to stdout and {@code api/target/replay-benchmark.txt}.
 */
@Tag("benchmark")
class ReplayBenchmark {

    private static final Instant T0 = Instant.parse("2026-11-28T00:00:00Z");
    private static final String MESSAGE = "OutboundMessage";
    private static final List<EgressIpAddress> IPS = List.of(new EgressIpAddress("127.0.0.11"),
            new EgressIpAddress("127.0.0.12"), new EgressIpAddress("127.0.0.13"), new EgressIpAddress("127.0.0.14"));
    private static final SmtpReply OK = new SmtpReply(250, "2.0.0", "Ok: queued as 4XkR2b1Zz");
    private static final SmtpReply LATER = new SmtpReply(451, "4.7.1", "Greylisted, try again in 5 minutes");

    @TempDir
    Path dataDir;

    private final List<String> report = new ArrayList<>();
    private long sequence;

    @Test
    void replayOfAHundredThousandEvents() throws Exception {
        long target = Long.getLong("replay.benchmark.events", 100_000);
        try (ConfigurableApplicationContext service = LedgerApplication.start(dataDir, "mta.smtp.listen=127.0.0.1:0")) {
            EventStorageEngine engine = service.getBean(EventStorageEngine.class);
            MongoTemplate template = service.getBean(MongoTemplate.class);
            ReplayService replays = service.getBean(ReplayService.class);
            line("JVM %s, %d cores; embedded store in %s", Runtime.version(), Runtime.getRuntime().availableProcessors(),
                    dataDir);

            long start = System.nanoTime();
            long appended = fill(engine, target);
            line("filled: %d events (%d messages) in %.1f s", appended, messages(target), seconds(start));

            start = System.nanoTime();
            AtomicLong read = new AtomicLong();
            new LedgerEvents(template.eventCollection(), service.getBean(Serializer.class), 1000)
                    .forEach(event -> {
                        event.getPayload();
                        read.incrementAndGet();
                    });
            double readSeconds = seconds(start);
            line("read + deserialize only (one sorted cursor, no view): %d events in %.1f s = %.0f events/s",
                    read.get(), readSeconds, read.get() / readSeconds);

            for (int run = 1; run <= 2; run++) {
                ReplayResult result = replays.replay(progress -> System.out.println("  " + progress.describe()));
                line("replay %d: %d events in %.1f s = %.0f events/s (views cleared in %.1f s); %s", run, result.events(),
                        result.streaming().toNanos() / 1e9, result.eventsPerSecond(), result.clearing().toNanos() / 1e9,
                        result.documents());
                assertThat(result.events()).isEqualTo(appended);
                assertThat(result.clean()).isTrue();
            }
            MongoCollection<Document> queue = service.getBean(LedgerStore.class).database().getCollection(QueueView.COLLECTION);
            assertThat(queue.countDocuments(Filters.eq("state", "DELIVERED"))).isEqualTo(messages(target));

            storeRoundTrips(queue);
            trackingStream(service.getBean(EventStore.class), Duration.ofSeconds(20));
        }
        Path out = Path.of("target", "replay-benchmark.txt");
        Files.write(out, report);
        System.out.println("ReplayBenchmark figures written to " + out.toAbsolutePath());
    }

    private static long messages(long targetEvents) {
        // 9 of 10 messages have 3 events, 1 of 10 has 6: 3.3 events a message
        return targetEvents * 10 / 33;
    }

    private long fill(EventStorageEngine engine, long targetEvents) {
        List<EventMessage<?>> batch = new ArrayList<>(1100);
        long count = 0;
        for (int i = 0; i < IPS.size(); i++) {
            batch.add(event("EgressIp", IPS.get(i).value(), 0,
                    new EgressIpAddedEvent(IPS.get(i), new PoolName("default"), "out" + i + ".relay.test.example", at())));
        }
        for (long m = 0; m < messages(targetEvents); m++) {
            MessageId id = MessageId.of(String.format("bench-%08d", m));
            Instant accepted = at();
            List<EmailAddress> to = List.of(new EmailAddress("user" + m + "@receiver" + (m % 50) + ".example"));
            EgressIpAddress first = IPS.get((int) (m % IPS.size()));
            batch.add(event(MESSAGE, id.value(), 0, new MessageAcceptedEvent(id, new AccountId("hosting-" + (m % 20)),
                    new ReversePath("wordpress@shop" + (m % 300) + ".example"), to,
                    new MessageBody(String.format("%064x", m), 4096 + m % 5000), "<" + id.value() + "@shop.example>",
                    "Shop <wordpress@shop.example>", "203.0.113." + (m % 250), IntakeRoute.SMTP, accepted,
                    accepted.plus(Duration.ofDays(5)))));
            long seq = 1;
            int attempt = 1;
            if (m % 10 == 9) {
                batch.add(event(MESSAGE, id.value(), seq++, attempted(id, attempt, to, first, LATER, RecipientOutcome.DEFERRED)));
                Instant deferredAt = at();
                batch.add(event(MESSAGE, id.value(), seq++, new DeliveryDeferredEvent(id, attempt, to, LATER, false,
                        Set.of(first), deferredAt, accepted.plus(Duration.ofDays(5)))));
                batch.add(event(MESSAGE, id.value(), seq++, new DeliveryRetryScheduledEvent(id,
                        deferredAt.plus(Duration.ofMinutes(5)), Set.of(first), deferredAt)));
                attempt++;
                first = IPS.get((int) ((m + 1) % IPS.size()));
            }
            batch.add(event(MESSAGE, id.value(), seq++, attempted(id, attempt, to, first, OK, RecipientOutcome.DELIVERED)));
            batch.add(event(MESSAGE, id.value(), seq, new MessageDeliveredEvent(id, attempt, to, first,
                    "mx.receiver.example", OK, at())));
            if (batch.size() >= 1000) {
                engine.appendEvents(batch);
                count += batch.size();
                batch.clear();
            }
        }
        engine.appendEvents(batch);
        return count + batch.size();
    }

    private DeliveryAttemptedEvent attempted(MessageId id, int attempt, List<EmailAddress> to, EgressIpAddress ip,
                                             SmtpReply reply, RecipientOutcome outcome) {
        return new DeliveryAttemptedEvent(id, attempt, to, ip, "mx.receiver.example", "192.0.2.25", true,
                to.stream().map(recipient -> new RecipientResult(recipient, reply, outcome)).toList(),
                Duration.ofMillis(180), at());
    }

    // events are 0.4 ms apart (see event()): the pace of the ~2,400 commands/s measured on this store
    private Instant at() {
        return T0.plusNanos(400_000 * sequence);
    }

    private EventMessage<?> event(String type, String aggregate, long seq, Object payload) {
        return new GenericDomainEventMessage<>(type, aggregate, seq, payload, MetaData.emptyInstance(),
                UUID.randomUUID().toString(), T0.plusNanos(400_000 * sequence++));
    }

    /** The queue view's work per event, alone: a find by _id and a replace by _id (what update() does). */
    private void storeRoundTrips(MongoCollection<Document> queue) {
        int n = 10_000;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            queue.find(Filters.eq("_id", String.format("bench-%08d", i))).first();
        }
        double finds = seconds(start);
        Document document = queue.find(Filters.eq("_id", "bench-00000000")).first();
        start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            queue.replaceOne(Filters.eq("_id", "bench-00000000"), document, new ReplaceOptions().upsert(true));
        }
        double replaces = seconds(start);
        line("queue_view by _id: find %.0f µs, replace %.0f µs each (%d of each)", finds * 1e6 / n,
                replaces * 1e6 / n, n);
    }

    /** Axon's own full read, for comparison: the tracking stream the replay does not use. */
    private void trackingStream(EventStore store, Duration budget) throws InterruptedException {
        long start = System.nanoTime();
        long read = 0;
        try (BlockingStream<TrackedEventMessage<?>> stream = store.openStream(null)) {
            while (System.nanoTime() - start < budget.toNanos() && stream.hasNextAvailable(1, java.util.concurrent.TimeUnit.SECONDS)) {
                stream.nextAvailable();
                read++;
            }
        }
        double seconds = seconds(start);
        line("EventStore.openStream(null), for comparison: %d events in %.1f s = %.0f events/s", read, seconds,
                read / seconds);
    }

    private void line(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        report.add(line);
        System.out.println("ReplayBenchmark: " + line);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static {
        try {
            Files.createDirectories(Path.of("target"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
