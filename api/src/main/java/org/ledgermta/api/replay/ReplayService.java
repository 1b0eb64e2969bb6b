package org.ledgermta.api.replay;

import com.mongodb.client.MongoDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventBus;
import org.bson.Document;
import org.ledgermta.api.forensics.LedgerEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Rebuilds every view from the ledger: clears their collections and in-memory state, then hands every
 * event, oldest first, to the views' own {@code @EventHandler}s (through Axon's annotation adapter, so the
 * replay runs exactly the code the live subscribing processors run), reporting progress as it goes.
 *
 * <p>Run it while intake and delivery are quiet (SMTP and HTTP submission stopped or drained at the load
 * balancer, {@code mta.delivery.enabled=false}): until the replay reaches an account's events the intake
 * does not know the account and refuses its clients (550 relaying denied), the egress pool fills up again
 * IP by IP, and a command recorded meanwhile reaches the live views and the replay both. Nothing is locked
 * against that; instead the replay counts events recorded while it ran and says so in its last lines
 * ({@link ReplayResult#recordedDuringReplay()}): replay again, quietly, when it is not zero. Only one
 * replay runs at a time.
 */
public final class ReplayService {

    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(ReplayService.class);
    private static final int FAILURES_KEPT = 5;

    /** A view the replay rebuilds: its collection, the bean whose handlers write it, and how it rereads it. */
    record View(String collection, Object handlers, Runnable reload) {
    }

    private final LedgerEvents ledger;
    private final MongoDatabase database;
    private final List<View> views;
    private final EventBus eventBus;
    private final ApplicationEventPublisher publisher;
    private final ReentrantLock running = new ReentrantLock();

    ReplayService(LedgerEvents ledger, MongoDatabase database, List<View> views, EventBus eventBus,
                  ApplicationEventPublisher publisher) {
        this.ledger = ledger;
        this.database = database;
        this.views = List.copyOf(views);
        this.eventBus = eventBus;
        this.publisher = publisher;
    }

    /** The names of the collections a replay rebuilds. */
    public List<String> collections() {
        return views.stream().map(View::collection).toList();
    }

    /**
     * Replays the whole ledger into the views, telling {@code progress} at the start (0 of the total), about
     * once a second, and at the end. Throws {@link ReplayAlreadyRunningException} if one is running.
     */
    public ReplayResult replay(Consumer<Progress> progress) {
        return replay(progress, PROGRESS_INTERVAL);
    }

    ReplayResult replay(Consumer<Progress> progress, Duration progressInterval) {
        if (!running.tryLock()) {
            throw new ReplayAlreadyRunningException();
        }
        AtomicLong recordedMeanwhile = new AtomicLong();
        Registration watch = eventBus.subscribe(events -> recordedMeanwhile.addAndGet(events.size()));
        try {
            long total = ledger.count();
            long clearStart = System.nanoTime();
            for (View view : views) {
                database.getCollection(view.collection()).deleteMany(new Document());
                view.reload().run();
            }
            Duration clearing = Duration.ofNanos(System.nanoTime() - clearStart);
            log.info("Replaying {} events into {}", total, collections());
            Run run = new Run(total, progress, progressInterval.toNanos());
            ledger.forEach(run::apply);
            run.report();
            Map<String, Long> documents = new LinkedHashMap<>();
            views.forEach(view -> documents.put(view.collection(),
                    database.getCollection(view.collection()).countDocuments()));
            ReplayResult result = new ReplayResult(run.done, clearing, run.elapsed(), documents, run.failed,
                    run.failures, recordedMeanwhile.get());
            log.info("Replay finished: {}", String.join(" ", result.describe()));
            publisher.publishEvent(new ViewsReplayedEvent(result));
            return result;
        } finally {
            watch.cancel();
            running.unlock();
        }
    }

    /** One replay's stream: the adapters, the counts, and when progress was last told. */
    private final class Run {

        private final List<AnnotationEventHandlerAdapter> adapters = new ArrayList<>();
        private final long total;
        private final Consumer<Progress> progress;
        private final long intervalNanos;
        private final long start = System.nanoTime();
        private final List<String> failures = new ArrayList<>();
        private long lastReport = start;
        private long done;
        private long failed;

        Run(long total, Consumer<Progress> progress, long intervalNanos) {
            views.forEach(view -> adapters.add(new AnnotationEventHandlerAdapter(view.handlers())));
            this.total = total;
            this.progress = progress;
            this.intervalNanos = intervalNanos;
            progress.accept(new Progress(0, total, Duration.ZERO));
        }

        void apply(DomainEventMessage<?> event) {
            for (int i = 0; i < adapters.size(); i++) {
                AnnotationEventHandlerAdapter adapter = adapters.get(i);
                if (!adapter.canHandle(event)) {
                    continue;
                }
                try {
                    adapter.handle(event);
                } catch (Exception e) {
                    failed(event, views.get(i).collection(), e);
                }
            }
            done++;
            long now = System.nanoTime();
            if (now - lastReport >= intervalNanos) {
                lastReport = now;
                report();
            }
        }

        void report() {
            progress.accept(new Progress(done, total, elapsed()));
        }

        Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - start);
        }

        private void failed(DomainEventMessage<?> event, String collection, Exception e) {
            failed++;
            String what = event.getPayloadType().getSimpleName() + " " + event.getAggregateIdentifier() + "#"
                    + event.getSequenceNumber() + " in " + collection + ": " + e;
            if (failures.size() < FAILURES_KEPT) {
                failures.add(what);
                log.warn("Replay could not apply {}", what, e);
            }
        }
    }
}
