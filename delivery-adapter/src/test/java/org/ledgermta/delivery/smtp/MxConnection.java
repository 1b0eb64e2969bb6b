package org.ledgermta.delivery.smtp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLSocket;

/** One connection of {@link ScriptedMx}: the server side of the SMTP dialogue, as the script says. */
final class MxConnection implements Runnable {

    private final ScriptedMx mx;
    private final MxScript script;
    private final Socket raw;
    private final int number;
    private final String clientIp;
    private InputStream in;
    private OutputStream out;
    private boolean tls;
    private String helo;
    private String mailFrom;
    private String mailParameters;
    private final List<String> recipients = new ArrayList<>();
    /** With PIPELINING, replies to MAIL and RCPT wait here for DATA (RFC 2920 §3.2 lets a server batch them). */
    private final StringBuilder held = new StringBuilder();
    private int messages;
    /** PIPELINING was in the answer to the latest EHLO (never after HELO). */
    private boolean pipelining;

    MxConnection(ScriptedMx mx, Socket raw, int number) {
        this.mx = mx;
        this.script = mx.script();
        this.raw = raw;
        this.number = number;
        this.clientIp = raw.getInetAddress().getHostAddress();
    }

    @Override
    public void run() {
        try (raw) {
            in = new BufferedInputStream(raw.getInputStream());
            out = raw.getOutputStream();
            if (script.silent) {
                in.transferTo(OutputStream.nullOutputStream());
                return;
            }
            reply(script.greeting);
            if (script.greeting.startsWith("421")) {
                return;
            }
            boolean refusedGreeting = !script.greeting.startsWith("2");
            while (true) {
                String line = readLine();
                mx.command(line);
                String verb = line.split("[ :]", 2)[0].toUpperCase(Locale.ROOT);
                if (refusedGreeting && !verb.equals("QUIT")) {
                    reply("503 5.5.1 Bad sequence of commands");
                } else if (!handle(verb, line)) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away, or the test closed the server
        }
    }

    /** False when the connection ends. */
    private boolean handle(String verb, String line) throws IOException {
        String argument = line.length() > verb.length() ? line.substring(verb.length()).strip() : "";
        switch (verb) {
            case "EHLO" -> {
                if (script.ehloRefused) {
                    reply("502 5.5.2 Error: command not recognized");
                } else {
                    helo = argument;
                    pipelining = script.pipelining;
                    resetTransaction();
                    reply(ehloReply());
                }
            }
            case "HELO" -> {
                helo = argument;
                pipelining = false;
                reply("250 mx.test");
            }
            case "STARTTLS" -> {
                reply("220 2.0.0 Ready to start TLS");
                if (script.brokenTls) {
                    out.write("this is not a TLS server hello\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    return false;
                }
                SSLSocket ssl = (SSLSocket) mx.tls().getSocketFactory().createSocket(raw, null, raw.getPort(), true);
                ssl.setUseClientMode(false);
                ssl.startHandshake();
                in = new BufferedInputStream(ssl.getInputStream());
                out = ssl.getOutputStream();
                tls = true;
                helo = null;
                pipelining = false;
                resetTransaction();
            }
            case "MAIL" -> {
                checkNotPipelined(line);
                if (script.mailReply != null) {
                    answer(script.mailReply);
                } else {
                    String path = argument.substring(argument.indexOf('<') + 1, argument.indexOf('>'));
                    mailFrom = path;
                    mailParameters = argument.substring(argument.indexOf('>') + 1).strip();
                    answer("250 2.1.0 Ok");
                }
            }
            case "RCPT" -> {
                checkNotPipelined(line);
                String address = argument.substring(argument.indexOf('<') + 1, argument.indexOf('>'));
                String scripted = script.rcptReplies.getOrDefault(address, "250 2.1.5 Ok");
                if (mailFrom == null) {
                    answer("503 5.5.1 Error: need MAIL command");
                } else {
                    if (scripted.startsWith("2")) {
                        recipients.add(address);
                    }
                    answer(scripted);
                }
            }
            case "DATA" -> {
                return data();
            }
            case "RSET" -> {
                resetTransaction();
                reply(script.rsetReply);
                return !script.rsetReply.startsWith("421");
            }
            case "NOOP" -> reply("250 2.0.0 Ok");
            case "QUIT" -> {
                mx.quit();
                reply("221 2.0.0 Bye");
                return false;
            }
            default -> reply("500 5.5.2 Error: command not recognized");
        }
        return true;
    }

    private boolean data() throws IOException {
        if (mailFrom == null || recipients.isEmpty()) {
            reply("554 5.5.1 Error: no valid recipients");
            return true;
        }
        if (script.dataReply != null) {
            reply(script.dataReply);
            return !script.dataReply.startsWith("421");
        }
        reply("354 End data with <CR><LF>.<CR><LF>");
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        while (true) {
            byte[] line = readLineBytes();
            if (line.length == 1 && line[0] == '.') {
                break;
            }
            int skip = line.length > 0 && line[0] == '.' ? 1 : 0; // RFC 5321 §4.5.2: remove one leading dot
            data.write(line, skip, line.length - skip);
            data.write('\r');
            data.write('\n');
        }
        mx.received(new ReceivedTransaction(number, clientIp, helo, tls, mailFrom, mailParameters,
                List.copyOf(recipients), data.toByteArray()));
        messages++;
        resetTransaction();
        if (script.dropBeforeFinalReply) {
            return false;
        }
        if (script.withholdFinalReply) {
            in.transferTo(OutputStream.nullOutputStream());
            return false;
        }
        reply(script.finalReply);
        return script.dropAfterMessages == 0 || messages < script.dropAfterMessages;
    }

    private String ehloReply() {
        List<String> lines = new ArrayList<>();
        lines.add("mx.test greets " + helo);
        if (script.pipelining) {
            lines.add("PIPELINING");
        }
        if (script.sizeLimit != null) {
            lines.add("SIZE " + script.sizeLimit);
        }
        if (script.startTls && !tls) {
            lines.add("STARTTLS");
        }
        if (script.eightBitMime) {
            lines.add("8BITMIME");
        }
        if (script.smtpUtf8) {
            lines.add("SMTPUTF8");
        }
        lines.add("ENHANCEDSTATUSCODES");
        StringBuilder reply = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            reply.append(i < lines.size() - 1 ? "250-" : "250 ").append(lines.get(i));
            if (i < lines.size() - 1) {
                reply.append("\r\n");
            }
        }
        return reply.toString();
    }

    /** Without PIPELINING a client must wait for each reply, so nothing may be waiting behind this command. */
    private void checkNotPipelined(String line) throws IOException {
        if (!pipelining && in.available() > 0) {
            mx.violation("sent more after '" + line + "' without waiting for the reply, although PIPELINING was "
                    + "not offered");
        }
    }

    /** A reply to MAIL or RCPT: held back until DATA under PIPELINING, sent at once otherwise. */
    private void answer(String reply) throws IOException {
        if (pipelining) {
            held.append(reply).append("\r\n");
        } else {
            reply(reply);
        }
    }

    private void reply(String reply) throws IOException {
        held.append(reply).append("\r\n");
        out.write(held.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
        held.setLength(0);
    }

    private void resetTransaction() {
        mailFrom = null;
        mailParameters = null;
        recipients.clear();
    }

    private String readLine() throws IOException {
        return new String(readLineBytes(), StandardCharsets.UTF_8);
    }

    private byte[] readLineBytes() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
                    return java.util.Arrays.copyOf(bytes, bytes.length - 1);
                }
                mx.violation("a line ended by a bare LF");
                return bytes;
            }
            line.write(b);
        }
    }
}
