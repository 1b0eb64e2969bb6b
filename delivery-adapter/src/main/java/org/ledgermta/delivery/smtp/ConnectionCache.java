package org.ledgermta.delivery.smtp;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Idle SMTP connections kept for the next transaction to the same destination, for at most {@code maxIdle}:
 * a reaper QUITs the expired ones, and {@link #take} skips any it has not reached yet. The most recently used
 * connection is handed out first, being the likeliest to be alive. Thread-safe.
 */
final class ConnectionCache implements AutoCloseable {

    private final Duration maxIdle;
    private final Consumer<SmtpConnection> quit;
    private final Map<Destination.ConnectionKey, Deque<Idle>> idle = new HashMap<>();
    private final ScheduledExecutorService reaper;
    private boolean closed;

    private record Idle(SmtpConnection connection, long sinceNanos) {
    }

    /** {@code quit} ends a connection politely; it runs outside the cache's lock, on a virtual thread. */
    ConnectionCache(Duration maxIdle, Consumer<SmtpConnection> quit) {
        this.maxIdle = maxIdle;
        this.quit = quit;
        this.reaper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "smtp-connection-reaper");
            thread.setDaemon(true);
            return thread;
        });
        if (!maxIdle.isZero()) {
            long period = Math.clamp(maxIdle.toMillis() / 2, 10, 5_000);
            reaper.scheduleWithFixedDelay(this::reap, period, period, TimeUnit.MILLISECONDS);
        }
    }

    /** A live-looking idle connection for {@code key}, or null. The caller still has to RSET it. */
    SmtpConnection take(Destination.ConnectionKey key) {
        List<SmtpConnection> expired = new ArrayList<>();
        SmtpConnection found = null;
        long now = System.nanoTime();
        synchronized (this) {
            Deque<Idle> connections = idle.get(key);
            while (connections != null && !connections.isEmpty() && found == null) {
                Idle candidate = connections.pollFirst();
                if (expired(candidate, now) || candidate.connection().closed()) {
                    expired.add(candidate.connection());
                } else {
                    found = candidate.connection();
                }
            }
            if (connections != null && connections.isEmpty()) {
                idle.remove(key);
            }
        }
        expired.forEach(this::retire);
        return found;
    }

    /** Keeps the connection for reuse; after {@link #close()} or with reuse off, QUITs it instead. */
    void release(Destination.ConnectionKey key, SmtpConnection connection) {
        synchronized (this) {
            if (!closed && !maxIdle.isZero()) {
                idle.computeIfAbsent(key, k -> new ArrayDeque<>()).addFirst(new Idle(connection, System.nanoTime()));
                return;
            }
        }
        retire(connection);
    }

    /** QUITs the connection in the background, so that no delivery waits for a goodbye. */
    void retire(SmtpConnection connection) {
        Thread.ofVirtual().name("smtp-quit").start(() -> quit.accept(connection));
    }

    synchronized int idleCount() {
        return idle.values().stream().mapToInt(Deque::size).sum();
    }

    /** QUITs every idle connection and waits for them; connections released later are QUIT at once. */
    @Override
    public void close() {
        List<SmtpConnection> all = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            idle.values().forEach(connections -> connections.forEach(entry -> all.add(entry.connection())));
            idle.clear();
        }
        reaper.shutdownNow();
        List<Thread> quitting = all.stream()
                .map(connection -> Thread.ofVirtual().name("smtp-quit").start(() -> quit.accept(connection)))
                .toList();
        for (Thread thread : quitting) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                all.forEach(SmtpConnection::close);
                return;
            }
        }
    }

    private void reap() {
        List<SmtpConnection> expired = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (this) {
            for (Iterator<Deque<Idle>> perKey = idle.values().iterator(); perKey.hasNext(); ) {
                Deque<Idle> connections = perKey.next();
                connections.removeIf(entry -> {
                    boolean gone = expired(entry, now) || entry.connection().closed();
                    if (gone) {
                        expired.add(entry.connection());
                    }
                    return gone;
                });
                if (connections.isEmpty()) {
                    perKey.remove();
                }
            }
        }
        expired.forEach(this::retire);
    }

    private boolean expired(Idle entry, long now) {
        return now - entry.sinceNanos() >= maxIdle.toNanos();
    }
}
