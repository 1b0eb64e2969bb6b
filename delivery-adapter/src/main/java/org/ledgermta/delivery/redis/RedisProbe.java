package org.ledgermta.delivery.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Optional;

/** Answers "can we talk to this Redis?" with the reason when we cannot, never with an exception. */
public final class RedisProbe {

    private RedisProbe() {
    }

    /** Empty when the server at {@code url} answered PING; else what went wrong, in one sentence. */
    public static Optional<String> problemReaching(String url, Duration timeout) {
        RedisURI uri;
        try {
            uri = RedisURI.create(url);
        } catch (RuntimeException e) {
            return Optional.of("not a valid redis:// URL: " + e.getMessage());
        }
        uri.setTimeout(timeout);
        RedisClient client = RedisClient.create();
        try (StatefulRedisConnection<String, String> connection = client.connect(uri)) {
            String pong = connection.sync().ping();
            return "PONG".equals(pong) ? Optional.empty() : Optional.of("PING was answered with " + pong);
        } catch (RuntimeException e) {
            return Optional.of(rootMessage(e));
        } finally {
            client.shutdown(Duration.ZERO, timeout);
        }
    }

    /** The URL as it may be printed: the password, if any, masked. */
    public static String withoutPassword(String url) {
        return url.replaceFirst("//([^:/@]*):[^@/]*@", "//$1:***@");
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
