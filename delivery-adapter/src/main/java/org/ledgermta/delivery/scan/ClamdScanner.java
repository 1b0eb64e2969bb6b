package org.ledgermta.delivery.scan;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * ClamAV's clamd over TCP with the INSTREAM command (clamd(8), "INSTREAM"): the message goes as chunks,
 * each preceded by its length as a 4-byte big-endian integer, ended by a zero length. The "z" prefix
 * asks for NUL-terminated replies: {@code stream: OK}, {@code stream: <signature> FOUND}, or
 * {@code INSTREAM size limit exceeded. ERROR} when the message exceeds clamd's StreamMaxLength.
 * {@code timeout} bounds the whole exchange: connecting, sending and waiting for the verdict.
 */
public final class ClamdScanner implements ContentScanner {

    private static final String NAME = "clamd";
    private static final byte[] INSTREAM = "zINSTREAM\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PING = "zPING\0".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_REPLY_BYTES = 4096;
    /** Closes the socket of an exchange that overran its deadline, which unblocks a stuck write or read. */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "clamd-deadline");
        thread.setDaemon(true);
        return thread;
    });

    private final String host;
    private final int port;
    private final Duration timeout;
    private final int chunkSize;

    public ClamdScanner(String host, int port, Duration timeout, int chunkSize) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("clamd host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("clamd port must be 1-65535, was " + port);
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("clamd timeout must be positive and below 24 days, was " + timeout);
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("clamd chunk size must be positive, was " + chunkSize);
        }
        this.host = host;
        this.port = port;
        this.timeout = timeout;
        this.chunkSize = chunkSize;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ScanVerdict scan(ScanRequest request) {
        byte[] message = request.message();
        try (Exchange exchange = new Exchange()) {
            OutputStream out = new BufferedOutputStream(exchange.socket.getOutputStream(), chunkSize + 4);
            IOException writeFailure = null;
            try {
                out.write(INSTREAM);
                for (int offset = 0; offset < message.length; offset += chunkSize) {
                    int length = Math.min(chunkSize, message.length - offset);
                    out.write(bigEndian(length));
                    out.write(message, offset, length);
                }
                out.write(bigEndian(0));
                out.flush();
            } catch (IOException e) {
                // Over StreamMaxLength clamd answers and closes while we are still writing: read that answer.
                writeFailure = e;
            }
            String reply;
            try {
                reply = exchange.readReply();
            } catch (IOException e) {
                throw writeFailure != null ? writeFailure : e;
            }
            if (reply.isEmpty() && writeFailure != null) {
                throw writeFailure;
            }
            return verdictFor(reply);
        } catch (IOException e) {
            return new ScanVerdict.ScannerUnavailable(NAME, describe(e));
        } catch (DeadlineExceeded e) {
            return new ScanVerdict.ScannerUnavailable(NAME, e.getMessage());
        }
    }

    /** Empty when clamd answered PING with PONG; else why not, in one sentence. */
    public Optional<String> ping() {
        try (Exchange exchange = new Exchange()) {
            exchange.socket.getOutputStream().write(PING);
            String reply = exchange.readReply();
            return reply.equals("PONG") ? Optional.empty()
                    : Optional.of("clamd at " + address() + " answered PING with '" + reply + "'");
        } catch (IOException e) {
            return Optional.of(describe(e));
        } catch (DeadlineExceeded e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The verdict for one NUL-stripped reply to INSTREAM. */
    static ScanVerdict verdictFor(String reply) {
        String text = reply.strip();
        if (text.isEmpty()) {
            return new ScanVerdict.ScannerUnavailable(NAME, "clamd closed the connection without a verdict");
        }
        String result = text.startsWith("stream: ") ? text.substring("stream: ".length()) : text;
        if (result.equals("OK")) {
            return new ScanVerdict.Clean(NAME);
        }
        if (result.endsWith(" FOUND") && result.length() > " FOUND".length()) {
            return new ScanVerdict.Virus(result.substring(0, result.length() - " FOUND".length()).strip());
        }
        if (result.endsWith("ERROR")) {
            String why = result.substring(0, result.length() - "ERROR".length()).strip();
            why = why.endsWith(".") ? why.substring(0, why.length() - 1) : why;
            return new ScanVerdict.ScannerUnavailable(NAME, "clamd refused the message: "
                    + (why.isEmpty() ? "ERROR" : why));
        }
        return new ScanVerdict.ScannerUnavailable(NAME, "clamd answered with something that is not a verdict: '"
                + (text.length() > 200 ? text.substring(0, 200) + "…" : text) + "'");
    }

    private String address() {
        return host + ":" + port;
    }

    private String describe(IOException failure) {
        return switch (failure) {
            case UnknownHostException e -> "clamd host " + host + " is unknown";
            case ConnectException e -> "cannot connect to clamd at " + address() + ": " + e.getMessage();
            case SocketTimeoutException e -> timedOut();
            default -> "connection to clamd at " + address() + " failed: " + failure.getMessage();
        };
    }

    private String timedOut() {
        return "clamd at " + address() + " did not answer within " + timeout.toMillis() + " ms";
    }

    private static byte[] bigEndian(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    /** Thrown inside this class only: the exchange overran {@code timeout} and its socket was closed. */
    private static final class DeadlineExceeded extends Exception {
        DeadlineExceeded(String message) {
            super(message, null, false, false);
        }
    }

    /** One connection with a deadline over all of it. */
    private final class Exchange implements AutoCloseable {

        private final Socket socket = new Socket();
        private final ScheduledFuture<?> deadline;
        private volatile boolean expired;

        Exchange() throws IOException, DeadlineExceeded {
            deadline = DEADLINES.schedule(this::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
            try {
                socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
                socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
                socket.setTcpNoDelay(true);
            } catch (IOException e) {
                close();
                if (expired) {
                    throw new DeadlineExceeded(timedOut());
                }
                throw e;
            }
        }

        /** Bytes up to the terminating NUL (or the end of the stream), as text. */
        String readReply() throws IOException, DeadlineExceeded {
            try {
                InputStream in = new BufferedInputStream(socket.getInputStream());
                ByteArrayOutputStream reply = new ByteArrayOutputStream();
                int b;
                while ((b = in.read()) > 0 && reply.size() < MAX_REPLY_BYTES) {
                    reply.write(b);
                }
                return reply.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                if (expired || e instanceof SocketTimeoutException) {
                    throw new DeadlineExceeded(timedOut());
                }
                throw e;
            }
        }

        private void expire() {
            expired = true;
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all we wanted
            }
        }

        @Override
        public void close() {
            deadline.cancel(false);
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing left to do with this connection
            }
        }
    }
}
