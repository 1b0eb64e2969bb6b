package org.ledgermta.api.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A deliberately literal SMTP client for tests: it writes exactly the bytes it is given (bare LFs, NULs,
 * pipelined batches) and reads replies as they come, so the server's handling of bad input is visible.
 */
public final class SmtpTestClient implements AutoCloseable {

    /** One SMTP reply: its code and every line of text (RFC 5321 §4.2 multi-line replies joined). */
    public record Reply(int code, List<String> lines) {
        public String text() {
            return String.join("\n", lines);
        }

        @Override
        public String toString() {
            return code + " " + text();
        }
    }

    private Socket socket;
    private InputStream in;
    private OutputStream out;

    private SmtpTestClient(Socket socket) throws IOException {
        use(socket);
    }

    /** Connects from {@code sourceIp} (a 127/8 address), so that the server sees that client address. */
    public static SmtpTestClient connect(int port, String sourceIp) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(sourceIp), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        return new SmtpTestClient(socket);
    }

    private void use(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    public Reply read() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line == null) {
                throw new IOException("connection closed while waiting for a reply; got " + lines);
            }
            if (line.length() < 3) {
                throw new IOException("not an SMTP reply line: '" + line + "'");
            }
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new Reply(Integer.parseInt(line.substring(0, 3)), lines);
            }
        }
    }

    public Reply command(String line) throws IOException {
        send(line + "\r\n");
        return read();
    }

    void send(String text) throws IOException {
        sendBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    void sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** STARTTLS, trusting whatever certificate the server shows (the embedded default is self-signed). */
    Reply startTls() throws Exception {
        Reply reply = command("STARTTLS");
        if (reply.code() != 220) {
            return reply;
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
        tls.setUseClientMode(true);
        tls.startHandshake();
        use(tls);
        return reply;
    }

    /** MAIL, RCPT…, DATA, the message (dot-stuffed), returning the final reply or the first refusal. */
    public Reply send(String from, List<String> recipients, String message) throws IOException {
        Reply reply = command("MAIL FROM:<" + from + ">");
        if (reply.code() != 250) {
            return reply;
        }
        boolean anyAccepted = false;
        Reply lastRefusal = null;
        for (String recipient : recipients) {
            Reply rcpt = command("RCPT TO:<" + recipient + ">");
            if (rcpt.code() == 250) {
                anyAccepted = true;
            } else {
                lastRefusal = rcpt;
            }
        }
        if (!anyAccepted) {
            command("RSET");
            return lastRefusal;
        }
        reply = command("DATA");
        if (reply.code() != 354) {
            return reply;
        }
        String stuffed = message.replaceAll("(?m)^\\.", "..");
        send(stuffed + (stuffed.endsWith("\r\n") ? "" : "\r\n") + ".\r\n");
        return read();
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
    }

    boolean closedByServer() {
        try {
            return in.read() == -1;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
