package org.ledgermta.api.intake;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What every intake route (SMTP, HTTP) shares: the name we give ourselves in trace headers and generated
 * Message-IDs, and how long an accepted message may stay queued (the retry schedule's maximum age).
 */
@ConfigurationProperties(prefix = "mta")
public record IntakeProperties(@DefaultValue("") String hostname, @DefaultValue Retry retry) {

    public record Retry(
            @DefaultValue("5m,10m,20m,40m,...,4h") String intervals,
            @DefaultValue("5d") Duration maxAge) {

        public Retry {
            if (maxAge.isNegative() || maxAge.isZero()) {
                throw new IllegalArgumentException("mta.retry.max-age must be positive, was " + maxAge);
            }
        }
    }
}
