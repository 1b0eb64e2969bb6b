package org.ledgermta.api.store;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for a store that only reaches the disk when told to. Every caller takes a ticket after
 * its write has returned; one committer thread flushes on behalf of every ticket taken before its flush
 * began, so concurrent writers share one fsync instead of queueing for one each.
 */
final class GroupCommit implements DurabilityBarrier, AutoCloseable {

    /** The flush itself: commit and fsync. */
    interface Flush {
        void run() throws Exception;
    }

    private final Flush flush;
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

    GroupCommit(Flush flush, Duration timeout, String threadName) {
        this.flush = flush;
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
                while (lastTicket == lastDurable && !closed) {
                    requested.await(1, TimeUnit.SECONDS);
                }
                if (closed) {
                    completed.signalAll();
                    return;
                }
                target = lastTicket;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
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
                    return;
                } finally {
                    lock.unlock();
                }
            }
        }
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
