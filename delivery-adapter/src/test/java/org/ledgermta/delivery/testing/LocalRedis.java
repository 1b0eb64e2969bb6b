package org.ledgermta.delivery.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real Redis on 127.0.0.1:6379, one connection per test class:
 * {@code @RegisterExtension static final LocalRedis REDIS = new LocalRedis();}. Tests keep their keys under a
 * prefix of their own and remove them with {@link #deleteKeys}, since other tests share the server.
 */
public final class LocalRedis implements BeforeAllCallback, AfterAllCallback {

    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;

    @Override
    public void beforeAll(ExtensionContext context) {
        client = RedisClient.create(RedisURI.create("127.0.0.1", 6379));
        connection = client.connect();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        connection.close();
        client.shutdown();
    }

    public StatefulRedisConnection<String, String> connection() {
        return connection;
    }

    /** For connections of a test's own (through a relay, or one it closes). */
    public RedisClient client() {
        return client;
    }

    /** A connection already closed: what a client holds once Redis went away for good. */
    public StatefulRedisConnection<String, String> closedConnection() {
        StatefulRedisConnection<String, String> closed = client.connect();
        closed.close();
        return closed;
    }

    public void deleteKeys(String prefix) {
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            var page = connection.sync().scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(1000));
            List<String> keys = page.getKeys();
            if (!keys.isEmpty()) {
                connection.sync().del(keys.toArray(String[]::new));
            }
            cursor = page;
        } while (!cursor.isFinished());
    }
}
