package org.ledgermta.api.store;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for a store that only reaches the disk when told to. Every caller takes a ticket after
 * its write has returned; one committer thread flushes on behalf of every ticket taken before its flush
 * began, so concurrent writers share one fsync instead of queueing for one each.
 *
 * <p>The same thread runs the store's housekeeping between flushes (after the waiting writers have been
 * released) and, when nobody asks for a flush, once per {@link #IDLE_WAIT}: the store's maintenance then
 * never runs concurrently with a flush.
 */
final class GroupCommit implements DurabilityBarrier, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    /** The flush itself: commit and fsync. */
    interface Flush {
        void run() throws Exception;
    }

    static final Duration IDLE_WAIT = Duration.ofMillis(250);

    private final Flush flush;
    private final Flush housekeeping;
    private final Duration timeout;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition requested = lock.newCondition();
    private final Condition completed = lock.newCondition();
    private final Thread committer;
    private long lastTicket;
    private long lastDurable;
    private Exception lastFailure;
    private long failedTicket = -1;
    private boolean closed;

    /** {@code housekeeping} runs on the committer thread between flushes and when idle; a failure is logged. */
    GroupCommit(Flush flush, Flush housekeeping, Duration timeout, String threadName) {
        this.flush = flush;
        this.housekeeping = housekeeping;
        this.timeout = timeout;
        this.committer = Thread.ofPlatform().daemon().name(threadName).start(this::commitLoop);
    }

    @Override
    public void awaitDurable() {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            if (closed) {
                throw new StoreUnavailableException("the ledger store is shut down");
            }
            long ticket = ++lastTicket;
            requested.signal();
            while (lastDurable < ticket) {
                if (failedTicket >= ticket) {
                    throw new StoreUnavailableException("the ledger store could not be flushed to disk", lastFailure);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed) {
                    throw new StoreUnavailableException("the ledger store was not flushed to disk within " + timeout);
                }
                completed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for the ledger store to flush", e);
        } finally {
            lock.unlock();
        }
    }

    private void commitLoop() {
        while (true) {
            long target;
            lock.lock();
            try {
                if (lastTicket == lastDurable && !closed) {
                    requested.await(IDLE_WAIT.toNanos(), TimeUnit.NANOSECONDS);
                }
                if (closed) {
                    completed.signalAll();
                    return;
                }
                target = lastTicket > lastDurable ? lastTicket : -1;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            if (target >= 0 && !flushFor(target)) {
                return;
            }
            try {
                housekeeping.run();
            } catch (Exception e) {
                log.warn("ledger store housekeeping failed (retried on the next round): {}", e.toString());
            }
        }
    }

    /** Flushes for every ticket up to {@code target}; false when interrupted. */
    private boolean flushFor(long target) {
        Exception failure = null;
        try {
            flush.run();
        } catch (Exception e) {
            failure = e;
        }
        lock.lock();
        try {
            if (failure == null) {
                lastDurable = Math.max(lastDurable, target);
            } else {
                lastFailure = failure;
                failedTicket = target;
            }
            completed.signalAll();
        } finally {
            lock.unlock();
        }
        if (failure != null) {
            lock.lock();
            try {
                // Wait for a new ticket before trying again, so a broken disk does not spin a core.
                while (lastTicket == target && !closed) {
                    requested.await(1, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                return false;
            } finally {
                lock.unlock();
            }
        }
        return true;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            requested.signalAll();
            completed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            committer.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
