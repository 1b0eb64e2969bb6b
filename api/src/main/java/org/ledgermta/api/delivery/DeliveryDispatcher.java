package org.ledgermta.api.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.projections.egress.EgressPool;
import org.ledgermta.projections.queue.QueueView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The active queue, in memory (as Postfix's active queue and KumoMTA's ready queues): a message is handed
 * over once its accept is committed and durable, attempted by a worker, and — when a retry is scheduled in
 * the ledger — put back at its due time. After a restart it is refilled from the queue view, which the
 * ledger keeps; so a retry survives a kill -9 without an in-memory deadline being the only record of it.
 */
public final class DeliveryDispatcher implements SmartLifecycle, EgressPool.Listener {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

    private final DeliveryAttempts attempts;
    private final QueueView queueView;
    private final int concurrency;
    private final boolean enabled;
    private final Clock clock;
    private final Map<MessageId, DeliveryJob> jobs = new ConcurrentHashMap<>();
    private final Set<MessageId> held = ConcurrentHashMap.newKeySet();
    private final Set<MessageId> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<MessageId> waitingForIp = ConcurrentHashMap.newKeySet();
    private final Set<MessageId> postponed = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<MessageId> ready = new LinkedBlockingQueue<>();
    private final DelayQueue<Due> scheduled = new DelayQueue<>();
    private final Map<MessageId, Instant> dueAt = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public DeliveryDispatcher(DeliveryAttempts attempts, QueueView queueView, int concurrency, boolean enabled,
                              Clock clock) {
        this.enabled = enabled;
        this.attempts = attempts;
        this.queueView = queueView;
        this.concurrency = concurrency;
        this.clock = clock;
    }

    /** A message just accepted (its event committed and flushed): attempt it now. */
    public void accepted(DeliveryJob job) {
        jobs.put(job.messageId(), job);
        ready.offer(job.messageId());
    }

    /** A retry the ledger scheduled: attempt again at {@code due}, not from the IPs in {@code excluded}. */
    public void retryAt(MessageId messageId, Instant due, Set<EgressIpAddress> excluded) {
        DeliveryJob job = jobs.computeIfPresent(messageId, (id, current) -> current.excluding(excluded));
        if (job == null) {
            job = queueView.find(messageId).filter(entry -> entry.state().waitingForDelivery())
                    .map(DeliveryJob::of).orElse(null);
            if (job == null) {
                return;
            }
            jobs.put(messageId, job.excluding(excluded));
        }
        schedule(messageId, due);
    }

    /** Delivered, bounced, expired or deleted: nothing more to do for it. */
    public void finished(MessageId messageId) {
        jobs.remove(messageId);
        dueAt.remove(messageId);
        waitingForIp.remove(messageId);
        postponed.remove(messageId);
        held.remove(messageId);
    }

    public void hold(MessageId messageId) {
        held.add(messageId);
    }

    public void release(MessageId messageId) {
        if (held.remove(messageId) && jobs.containsKey(messageId)) {
            ready.offer(messageId);
        }
    }

    /**
     * An IP came back, changed its warm-up plan or ended a back-off: mail waiting for any IP goes now, and mail
     * waiting for an IP free for its provider goes in a moment (spread over a second, not all at once).
     */
    @Override
    public void ipAvailable(EgressIpAddress address) {
        List<MessageId> waiting = List.copyOf(waitingForIp);
        waitingForIp.removeAll(waiting);
        waiting.forEach(ready::offer);
        Instant now = clock.instant();
        List<MessageId> postponedNow = List.copyOf(postponed);
        postponed.removeAll(postponedNow);
        for (int i = 0; i < postponedNow.size(); i++) {
            schedule(postponedNow.get(i), now.plusMillis(1_000L * i / Math.max(1, postponedNow.size())));
        }
    }

    /** Waits for an egress IP free for its provider; a due time already set earlier (a retry) is kept. */
    private void postponedUntil(MessageId messageId, Instant retryAt) {
        Instant due = dueAt.get(messageId);
        if (due == null || retryAt.isBefore(due)) {
            schedule(messageId, retryAt);
        }
        postponed.add(messageId);
    }

    private void schedule(MessageId messageId, Instant at) {
        dueAt.put(messageId, at);
        scheduled.offer(new Due(messageId, at));
    }

    @Override
    public void start() {
        running = true;
        Instant now = clock.instant();
        int restored = 0;
        for (var entry : queueView.waitingForDelivery()) {
            DeliveryJob job = DeliveryJob.of(entry);
            jobs.put(job.messageId(), job);
            Instant due = entry.nextAttemptAt() == null || entry.nextAttemptAt().isBefore(now) ? now : entry.nextAttemptAt();
            schedule(job.messageId(), due);
            restored++;
        }
        if (!enabled) {
            log.warn("delivery is paused (mta.delivery.enabled=false): {} queued messages wait", restored);
            return;
        }
        log.info("delivery: {} queued messages restored from the queue view, {} workers", restored, concurrency);
        threads.add(Thread.ofPlatform().daemon().name("delivery-timer").start(this::releaseDueRetries));
        for (int i = 0; i < concurrency; i++) {
            threads.add(Thread.ofPlatform().daemon().name("delivery-" + i).start(this::work));
        }
    }

    @Override
    public void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the ledger, the views and the account directory; stopped before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }

    private void releaseDueRetries() {
        while (running) {
            try {
                Due due = scheduled.take();
                // a later schedule for the same message replaces an earlier one
                if (due.at().equals(dueAt.get(due.messageId()))) {
                    dueAt.remove(due.messageId());
                    postponed.remove(due.messageId());
                    ready.offer(due.messageId());
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void work() {
        while (running) {
            MessageId messageId;
            try {
                messageId = ready.take();
            } catch (InterruptedException e) {
                return;
            }
            DeliveryJob job = jobs.get(messageId);
            if (job == null || held.contains(messageId) || !inFlight.add(messageId)) {
                continue;
            }
            try {
                switch (attempts.attempt(job)) {
                    case DeliveryAttempts.Outcome.Finished finished -> finished(messageId);
                    case DeliveryAttempts.Outcome.Pending pending -> jobs.computeIfPresent(messageId,
                            (id, current) -> pending.job().excluding(current.ipsTried()));
                    case DeliveryAttempts.Outcome.Postponed postponed -> {
                        jobs.computeIfPresent(messageId, (id, current) -> postponed.job().excluding(current.ipsTried()));
                        postponedUntil(messageId, postponed.retryAt());
                    }
                    case DeliveryAttempts.Outcome.WaitingForIp waiting -> {
                        jobs.computeIfPresent(messageId, (id, current) -> waiting.job().excluding(current.ipsTried()));
                        waitingForIp.add(messageId);
                        log.info("delivery of {} waits: no healthy egress IP in the pool", messageId.value());
                    }
                }
            } catch (RuntimeException e) {
                // the ledger refused or could not be written: try again later rather than lose the message
                log.error("delivery attempt of {} failed: {}", messageId.value(), e.toString());
                retryAt(messageId, clock.instant().plusSeconds(60), Set.of());
            } finally {
                inFlight.remove(messageId);
            }
        }
    }

    private record Due(MessageId messageId, Instant at) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(at.toEpochMilli() - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.MILLISECONDS), other.getDelay(TimeUnit.MILLISECONDS));
        }
    }
}
