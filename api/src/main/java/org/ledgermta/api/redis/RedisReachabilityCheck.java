package org.ledgermta.api.redis;

import java.time.Duration;
import org.ledgermta.delivery.redis.RedisProbe;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Redis holds limits, sessions and the DNS cache, so the service does not start without it. Checked as
 * soon as the configuration is known, before anything else starts, so the operator sees one line that
 * names the URL and the fix instead of a stack trace.
 */
public final class RedisReachabilityCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    public static final String DEFAULT_URL = "redis://127.0.0.1:6379";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final boolean exitOnFailure;

    public RedisReachabilityCheck(boolean exitOnFailure) {
        this.exitOnFailure = exitOnFailure;
    }

    public static String redisUrl(Environment environment) {
        // REDIS_URL in the environment binds to redis.url (Spring relaxed binding)
        return environment.getProperty("redis.url", DEFAULT_URL);
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        String url = redisUrl(event.getEnvironment());
        RedisProbe.problemReaching(url, TIMEOUT).ifPresent(problem -> {
            String line = "ledgermta: cannot start: Redis is not reachable at " + RedisProbe.withoutPassword(url)
                    + " (" + problem + "). Start Redis there (for example: redis-server --port 6379)"
                    + " or set REDIS_URL to a reachable redis:// URL.";
            if (exitOnFailure) {
                System.err.println(line);
                System.exit(1);
            }
            throw new IllegalStateException(line);
        });
    }
}
