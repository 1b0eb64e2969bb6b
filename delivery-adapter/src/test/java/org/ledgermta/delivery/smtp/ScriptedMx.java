package org.ledgermta.delivery.smtp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;

/**
 * A receiving SMTP server on 127.0.0.1, port 0, that answers as its {@link MxScript} says and records what it
 * received: connections, QUITs, every command line, and each message with its source IP. One virtual thread
 * per connection ({@link MxConnection}).
 */
final class ScriptedMx implements AutoCloseable {

    private final ServerSocket server;
    private final MxScript script;
    private final SSLContext tls;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger quits = new AtomicInteger();
    private final List<ReceivedTransaction> transactions = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private ScriptedMx(MxScript script, SSLContext tls) throws IOException {
        this.script = script;
        this.tls = tls;
        this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread.ofVirtual().name("scripted-mx-accept").start(this::acceptLoop);
    }

    static ScriptedMx start(MxScript script) throws IOException {
        return new ScriptedMx(script, null);
    }

    /** With a certificate for STARTTLS. */
    static ScriptedMx start(MxScript script, SSLContext tls) throws IOException {
        return new ScriptedMx(script, tls);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    int connections() {
        return connections.get();
    }

    int quits() {
        return quits.get();
    }

    List<ReceivedTransaction> transactions() {
        return List.copyOf(transactions);
    }

    /** Every command line received, in order, over all connections. */
    List<String> commands() {
        return List.copyOf(commands);
    }

    /** Protocol rules the client broke, e.g. pipelining to a server that did not offer it. */
    List<String> violations() {
        return List.copyOf(violations);
    }

    /** Waits until {@code condition} holds; fails after {@code limit}. */
    static void await(BooleanSupplier condition, Duration limit, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Still waiting after " + limit + " for " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + what, e);
            }
        }
    }

    MxScript script() {
        return script;
    }

    SSLContext tls() {
        return tls;
    }

    void received(ReceivedTransaction transaction) {
        transactions.add(transaction);
    }

    void command(String line) {
        commands.add(line);
    }

    void violation(String description) {
        violations.add(description);
    }

    void quit() {
        quits.incrementAndGet();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                int number = connections.incrementAndGet();
                Thread.ofVirtual().name("scripted-mx-" + number).start(new MxConnection(this, socket, number));
            } catch (IOException e) {
                return; // closed
            }
        }
    }
}
