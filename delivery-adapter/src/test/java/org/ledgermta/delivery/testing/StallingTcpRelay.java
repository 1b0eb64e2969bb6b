package org.ledgermta.delivery.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on the loopback address in front of a real server (the test Redis, say) that a test can stall
 * (bytes from clients are swallowed, so the server neither runs nor answers the commands) or cut (every connection
 * closed, new ones refused). It stands in for a server that hangs or goes away without pausing the shared server for
 * everybody else's tests, as Redis's CLIENT PAUSE would.
 */
public final class StallingTcpRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean stalled;

    /** Listens on an ephemeral loopback port ({@link #port()}) and relays every connection to the target. */
    public StallingTcpRelay(String targetHost, int targetPort) throws IOException {
        this.target = new InetSocketAddress(targetHost, targetPort);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("relay-accept-" + listener.getLocalPort()).start(this::accept);
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** From now on, bytes from clients are dropped; the connections stay open. */
    public void stall() {
        stalled = true;
    }

    /** Closes every connection and stops accepting new ones, as a server that went away. */
    public void cut() {
        close();
    }

    @Override
    public void close() {
        closeQuietly(listener);
        sockets.forEach(StallingTcpRelay::closeQuietly);
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                continue; // the listener closed (the loop then ends), or one accept failed
            }
            Socket server = new Socket();
            try {
                server.connect(target, 2000);
            } catch (IOException e) {
                // the target is unreachable: so is the relay, for this client
                closeQuietly(client);
                closeQuietly(server);
                continue;
            }
            sockets.add(client);
            sockets.add(server);
            Thread.ofPlatform().daemon().start(() -> pump(client, server, true));
            Thread.ofPlatform().daemon().start(() -> pump(server, client, false));
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                if (!(fromClient && stalled)) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the other side closed: so does this one
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing is best effort
        }
    }
}
