package org.ledgermta.api.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * The receiving MX of delivery scenarios: a real SMTP server on 127.0.0.1 that answers each recipient by a
 * script (by client IP, recipient, and how often it has seen that recipient) and records every transaction
 * with the source address it came from — which is how a test sees which egress IP sent.
 */
final class TestMx implements AutoCloseable {

    /** A script: the reply for this recipient from this client, or empty for 250. */
    interface Script {
        Optional<String> reply(String clientIp, String recipient, int seenBefore);
    }

    /** One recipient offered by one client, and what it was told. */
    record Rcpt(String clientIp, String helo, String mailFrom, String recipient, String reply) {
    }

    /** One message received (DATA accepted). */
    record Received(String clientIp, String mailFrom, List<String> recipients, String data) {
    }

    final List<Rcpt> offered = new CopyOnWriteArrayList<>();
    final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Script script;
    private final SMTPServer server;

    TestMx(Script script) {
        this.script = script;
        this.server = SMTPServer.port(0)
                .bindAddress(loopback())
                .hostName("mx.receiver.test")
                .messageHandlerFactory(Transaction::new)
                .build();
        server.start();
    }

    static TestMx acceptingAll() {
        return new TestMx((ip, rcpt, seen) -> Optional.empty());
    }

    void script(Script newScript) {
        this.script = newScript;
    }

    int port() {
        return server.getPortAllocated();
    }

    String route() {
        return "*=127.0.0.1:" + port();
    }

    long seen(String recipient) {
        return offered.stream().filter(rcpt -> rcpt.recipient().equals(recipient)).count();
    }

    List<Received> receivedFor(String recipient) {
        return received.stream().filter(message -> message.recipients().contains(recipient)).toList();
    }

    /** Waits on a condition with a deadline: never sleeps and hopes. */
    static void await(String what, Duration deadline, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + deadline + " waiting for: " + what);
            }
            Thread.sleep(25);
        }
    }

    @Override
    public void close() {
        server.stop();
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByName("127.0.0.1");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private final class Transaction implements MessageHandler {
        private final MessageContext context;
        private final String clientIp;
        private final List<String> accepted = new ArrayList<>();
        private String mailFrom;

        Transaction(MessageContext context) {
            this.context = context;
            this.clientIp = ((InetSocketAddress) context.getRemoteAddress()).getAddress().getHostAddress();
        }

        @Override
        public void from(String from) {
            this.mailFrom = from;
        }

        @Override
        public void recipient(String recipient) throws RejectException {
            int seenBefore = (int) seen(recipient);
            Optional<String> reply = script.reply(clientIp, recipient, seenBefore);
            offered.add(new Rcpt(clientIp, context.getHelo().orElse(null), mailFrom, recipient, reply.orElse("250")));
            if (reply.isPresent()) {
                String text = reply.get();
                throw new RejectException(Integer.parseInt(text.substring(0, 3)), text.substring(4));
            }
            accepted.add(recipient);
        }

        @Override
        public String data(InputStream data) throws IOException {
            received.add(new Received(clientIp, mailFrom, List.copyOf(accepted),
                    new String(data.readAllBytes(), StandardCharsets.UTF_8)));
            return null;
        }

        @Override
        public void done() {
        }
    }

    static Predicate<Received> from(String ip) {
        return message -> message.clientIp().equals(ip);
    }
}
