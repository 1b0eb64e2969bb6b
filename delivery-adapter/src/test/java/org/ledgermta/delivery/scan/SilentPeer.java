package org.ledgermta.delivery.scan;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP peer on 127.0.0.1 that accepts connections and never answers: a daemon that hangs. It either
 * reads and discards what it is sent, or reads nothing at all, so that a large write blocks.
 */
final class SilentPeer implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();

    SilentPeer(boolean reads) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket connection = server.accept();
                    connections.add(connection);
                    if (reads) {
                        Thread.ofVirtual().start(() -> discard(connection));
                    }
                } catch (IOException e) {
                    return; // closed
                }
            }
        });
    }

    int port() {
        return server.getLocalPort();
    }

    private static void discard(Socket connection) {
        try (InputStream in = connection.getInputStream()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            // the client gave up, as it should
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket connection : connections) {
            connection.close();
        }
    }
}
