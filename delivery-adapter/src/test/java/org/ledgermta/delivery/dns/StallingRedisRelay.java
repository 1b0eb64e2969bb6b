package org.ledgermta.delivery.dns;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A TCP relay to the test Redis that a test can stall: commands are then swallowed and never answered. */
final class StallingRedisRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean stalled;

    StallingRedisRelay(int redisPort) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        InetSocketAddress redis = new InetSocketAddress(InetAddress.getLoopbackAddress(), redisPort);
        Thread.ofPlatform().daemon().name("redis-relay").start(() -> accept(redis));
    }

    int port() {
        return listener.getLocalPort();
    }

    void stall() {
        stalled = true;
    }

    @Override
    public void close() {
        closeQuietly(listener);
        sockets.forEach(StallingRedisRelay::closeQuietly);
    }

    private void accept(InetSocketAddress redis) {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(redis, 2000);
                sockets.add(client);
                sockets.add(server);
                Thread.ofPlatform().daemon().start(() -> pump(client, server, true));
                Thread.ofPlatform().daemon().start(() -> pump(server, client, false));
            } catch (IOException e) {
                // the listener closed
            }
        }
    }

    private void pump(Socket from, Socket to, boolean towardsRedis) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (!(towardsRedis && stalled)) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // either side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
