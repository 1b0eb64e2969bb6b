package org.ledgermta.delivery.smtp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.ledgermta.domain.IpAddressLiteral;

/**
 * One TCP connection to an MX, bound to an egress IP: reads replies, writes commands and message data, each
 * step under its own timeout, and upgrades to TLS. Every I/O failure leaves here as an {@link SmtpFailure}
 * whose text names the server and the step. No protocol decisions: see {@link SmtpSession} and
 * {@link MailTransaction}. Used by one thread at a time.
 */
final class SmtpConnection {

    // RFC 5321 §4.5.3.1.5 allows 512 octets a reply line; real servers send longer ones, so be generous
    // while keeping a hostile server from filling memory.
    private static final int MAX_LINE_BYTES = 16 * 1024;
    private static final int MAX_REPLY_LINES = 1000;
    private static final int OUTPUT_BUFFER_BYTES = 64 * 1024;

    private final Socket raw;
    private final String peer;
    private Socket socket;
    private InputStream in;
    private DeadlineOutputStream deadlineOut;
    private OutputStream out;
    private boolean tls;
    private EhloCapabilities capabilities = EhloCapabilities.NONE;
    private int transactions;

    private SmtpConnection(Socket raw, String peer) throws IOException {
        this.raw = raw;
        this.peer = peer;
        useStreamsOf(raw);
    }

    /**
     * Binds to {@code egressIp} before connecting, so that the receiver sees that source address: the
     * kernel would otherwise pick one by route, and reputation is per address.
     */
    static SmtpConnection open(InetAddress egressIp, String mxHost, InetSocketAddress mxAddress,
            Duration connectTimeout) throws SmtpFailure {
        String peer = describe(mxHost, mxAddress);
        String egress = IpAddressLiteral.format(egressIp.getAddress());
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(egressIp, 0));
        } catch (IOException e) {
            closeQuietly(socket);
            // "Cannot assign requested address": the egress IP is not configured on this host.
            throw new SmtpFailure(FailureKind.BIND_FAILED, "Cannot bind to egress IP " + egress + " to reach "
                    + peer + ": " + e.getMessage());
        }
        try {
            socket.connect(mxAddress, millis(connectTimeout));
            socket.setTcpNoDelay(true);
            return new SmtpConnection(socket, peer);
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new SmtpFailure(FailureKind.CONNECT_TIMEOUT, "No answer from " + peer + " from " + egress
                    + " within " + text(connectTimeout));
        } catch (IOException e) {
            closeQuietly(socket);
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new SmtpFailure(FailureKind.CONNECT_REFUSED, why.equalsIgnoreCase("Connection refused")
                    ? "Connection refused by " + peer + " from " + egress
                    : "Cannot connect to " + peer + " from " + egress + ": " + why);
        }
    }

    /** {@code mx.example [192.0.2.1]:25}, as Postfix names a relay. */
    static String describe(String mxHost, InetSocketAddress mxAddress) {
        return mxHost + " [" + IpAddressLiteral.format(mxAddress.getAddress().getAddress()) + "]:" + mxAddress.getPort();
    }

    String peer() {
        return peer;
    }

    boolean tls() {
        return tls;
    }

    EhloCapabilities capabilities() {
        return capabilities;
    }

    void capabilities(EhloCapabilities capabilities) {
        this.capabilities = capabilities;
    }

    int transactions() {
        return transactions;
    }

    void countTransaction() {
        transactions++;
    }

    /** Reads one reply; a 3xx is refused unless {@code intermediateAllowed} (only DATA may answer 354). */
    ServerReply read(Duration timeout, String awaited, boolean intermediateAllowed) throws SmtpFailure {
        ServerReply reply = read(timeout, awaited);
        if (reply.code() / 100 == 3 && !intermediateAllowed) {
            throw new SmtpFailure(FailureKind.PROTOCOL_ERROR, peer + " answered " + awaited
                    + " with an intermediate reply: " + reply.toSmtpReply());
        }
        return reply;
    }

    ServerReply read(Duration timeout, String awaited) throws SmtpFailure {
        try {
            socket.setSoTimeout(millis(timeout));
            List<String> lines = new ArrayList<>();
            int code = 0;
            while (true) {
                ReplyParser.Line line = ReplyParser.parseLine(readLine());
                if (lines.isEmpty()) {
                    code = line.code();
                } else {
                    ReplyParser.requireSameCode(code, line);
                }
                lines.add(line.text());
                if (line.last()) {
                    return new ServerReply(code, lines);
                }
                if (lines.size() >= MAX_REPLY_LINES) {
                    throw new ReplyParser.MalformedReply("a reply of more than " + MAX_REPLY_LINES + " lines");
                }
            }
        } catch (SocketTimeoutException e) {
            throw new SmtpFailure(FailureKind.TIMEOUT, peer + " did not answer " + awaited + " within "
                    + text(timeout));
        } catch (ReplyParser.MalformedReply e) {
            throw new SmtpFailure(FailureKind.PROTOCOL_ERROR, peer + " answered " + awaited + " with "
                    + e.getMessage());
        } catch (IOException e) {
            throw lost("awaiting the reply to " + awaited, e);
        }
    }

    /** Writes the commands and flushes them in one go: one command, or a PIPELINING batch (RFC 2920). */
    void send(Duration timeout, String what, List<String> commands) throws SmtpFailure {
        if (raw.isClosed()) {
            throw new SmtpFailure(FailureKind.CONNECTION_LOST, "Connection to " + peer + " is closed");
        }
        try {
            deadlineOut.timeout(timeout);
            for (String command : commands) {
                out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
        } catch (IOException e) {
            throw lost("sending " + what, e);
        }
    }

    void send(Duration timeout, String what, String command) throws SmtpFailure {
        send(timeout, what, List.of(command));
    }

    /** The message after a 354, dot-stuffed and ended with CRLF.CRLF; each socket write within {@code blockTimeout}. */
    void sendMessage(byte[] message, Duration blockTimeout) throws SmtpFailure {
        try {
            deadlineOut.timeout(blockTimeout);
            DotStuffingOutputStream data = new DotStuffingOutputStream(out);
            data.write(message);
            data.finish();
            out.flush();
        } catch (IOException e) {
            throw lost("the message data", e);
        }
    }

    /**
     * Runs the TLS handshake over this connection after the server's 220 to STARTTLS (RFC 3207 §4). With
     * {@code verify}, the certificate must chain to a root of {@code factory} and name {@code mxHost}.
     */
    void startTls(SSLSocketFactory factory, String mxHost, boolean verify, Duration timeout) throws SmtpFailure {
        AtomicBoolean overran = new AtomicBoolean();
        try {
            // Anything the server sent after its 220 would be read as if it came through TLS: the STARTTLS
            // response injection of "NO STARTTLS" (USENIX Security 2021). Refuse the session instead.
            if (in.available() > 0) {
                throw new SmtpFailure(FailureKind.TLS_FAILED, peer
                        + " sent data after its 220 reply to STARTTLS, before the TLS handshake");
            }
            String host = mxHost.endsWith(".") ? mxHost.substring(0, mxHost.length() - 1) : mxHost;
            SSLSocket ssl = (SSLSocket) factory.createSocket(raw, host, raw.getPort(), true);
            ssl.setUseClientMode(true);
            SSLParameters parameters = ssl.getSSLParameters();
            serverName(host, parameters);
            if (verify) {
                // The RFC 6125 host name check (as MTA-STS, RFC 8461 §4.2, asks for the MX host name).
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            ssl.setSSLParameters(parameters);
            ssl.setSoTimeout(millis(timeout));
            DeadlineOutputStream.within(timeout, () -> {
                overran.set(true);
                close();
            }, () -> {
                ssl.startHandshake();
                return null;
            });
            socket = ssl;
            useStreamsOf(ssl);
            tls = true;
            capabilities = EhloCapabilities.NONE;
        } catch (IOException e) {
            boolean timedOut = e instanceof SocketTimeoutException || overran.get();
            throw new SmtpFailure(FailureKind.TLS_FAILED, "TLS handshake with " + peer + " failed: "
                    + (timedOut ? "not completed within " + text(timeout) : e.getMessage()));
        }
    }

    /** Says goodbye (RFC 5321 §4.1.1.10) as far as the server still listens, then closes. */
    void quit(Duration timeout) {
        try {
            if (!raw.isClosed()) {
                send(timeout, "QUIT", "QUIT");
                read(timeout, "QUIT");
            }
        } catch (SmtpFailure ignored) {
            // The session is over either way.
        } finally {
            close();
        }
    }

    /**
     * Closes the TCP socket. Not the TLS socket's close: its close_notify adds nothing once the SMTP session is
     * over or broken, and it can block behind a stuck write.
     */
    void close() {
        closeQuietly(raw);
    }

    boolean closed() {
        return raw.isClosed();
    }

    private void useStreamsOf(Socket current) throws IOException {
        socket = current;
        in = new BufferedInputStream(current.getInputStream());
        deadlineOut = new DeadlineOutputStream(current.getOutputStream(), this::close);
        out = new BufferedOutputStream(deadlineOut, OUTPUT_BUFFER_BYTES);
    }

    private String readLine() throws IOException, ReplyParser.MalformedReply {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                // RFC 6531 §3.7.4: replies may be UTF-8 once SMTPUTF8 is in use.
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            if (line.size() >= MAX_LINE_BYTES) {
                throw new ReplyParser.MalformedReply("a reply line longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
        }
    }

    private SmtpFailure lost(String during, IOException e) {
        if (deadlineOut.expired()) {
            return new SmtpFailure(FailureKind.TIMEOUT, peer + " stopped reading while " + during);
        }
        if (e instanceof EOFException) {
            return new SmtpFailure(FailureKind.CONNECTION_LOST, peer + " closed the connection while " + during);
        }
        return new SmtpFailure(FailureKind.CONNECTION_LOST, "Connection to " + peer + " lost while " + during + ": "
                + e.getMessage());
    }

    private static void serverName(String host, SSLParameters parameters) {
        // SNI carries a host name only (RFC 6066 §3), never an address literal.
        if (host.isEmpty() || host.startsWith("[") || host.contains(":") || host.matches("[0-9.]+")) {
            return;
        }
        try {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        } catch (IllegalArgumentException notAHostName) {
            // Send no SNI rather than fail: the name is still checked against the certificate when verifying.
        }
    }

    static int millis(Duration duration) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
    }

    static String text(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to do with this socket
        }
    }
}
