package org.ledgermta.delivery.smtp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A socket's output with a deadline on each write: a socket write blocks for as long as the peer does not
 * read, and Java has no write timeout. When a write overruns, {@code onExpiry} closes the socket, which
 * makes the write fail; {@link #expired()} then tells the caller it was a timeout (RFC 5321 §4.5.3.2.5:
 * 3 minutes for each data block).
 */
final class DeadlineOutputStream extends FilterOutputStream {

    private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

    private final Runnable onExpiry;
    private volatile Duration timeout = Duration.ofMinutes(5);
    private volatile boolean expired;

    DeadlineOutputStream(OutputStream out, Runnable onExpiry) {
        super(out);
        this.onExpiry = onExpiry;
    }

    void timeout(Duration timeout) {
        this.timeout = timeout;
    }

    boolean expired() {
        return expired;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        ScheduledFuture<?> deadline = arm();
        try {
            out.write(bytes, offset, length);
        } finally {
            deadline.cancel(false);
        }
    }

    @Override
    public void flush() throws IOException {
        ScheduledFuture<?> deadline = arm();
        try {
            out.flush();
        } finally {
            deadline.cancel(false);
        }
    }

    /** Runs {@code onExpiry} if {@code action} is still running after {@code limit}: for a TLS handshake. */
    static <T, E extends Exception> T within(Duration limit, Runnable onExpiry, Action<T, E> action) throws E {
        ScheduledFuture<?> deadline = DEADLINES.schedule(onExpiry, limit.toNanos(), TimeUnit.NANOSECONDS);
        try {
            return action.run();
        } finally {
            deadline.cancel(false);
        }
    }

    @FunctionalInterface
    interface Action<T, E extends Exception> {
        T run() throws E;
    }

    private ScheduledFuture<?> arm() {
        return DEADLINES.schedule(() -> {
            expired = true;
            onExpiry.run();
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static ScheduledThreadPoolExecutor deadlines() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "smtp-write-deadline");
            thread.setDaemon(true);
            return thread;
        });
        // Nearly every deadline is cancelled long before it is due: don't keep them queued for minutes.
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
