package org.ledgermta.delivery.smtp;

import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts and connection reuse of the SMTP client. The timeouts are per step, as RFC 5321 §4.5.3.2 gives
 * them: the greeting, each command's reply, the reply to DATA, each write of message data, and the reply to
 * the final dot. {@code maxIdle} of zero turns connection reuse off.
 */
public record SmtpClientSettings(
        Duration connectTimeout,
        Duration greetingTimeout,
        Duration commandTimeout,
        Duration dataInitiationTimeout,
        Duration dataBlockTimeout,
        Duration dataTerminationTimeout,
        TlsPolicy tls,
        int maxMessagesPerConnection,
        Duration maxIdle) {

    public SmtpClientSettings {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(greetingTimeout, "greetingTimeout");
        requirePositive(commandTimeout, "commandTimeout");
        requirePositive(dataInitiationTimeout, "dataInitiationTimeout");
        requirePositive(dataBlockTimeout, "dataBlockTimeout");
        requirePositive(dataTerminationTimeout, "dataTerminationTimeout");
        Objects.requireNonNull(tls, "tls");
        if (maxMessagesPerConnection < 1) {
            throw new IllegalArgumentException("maxMessagesPerConnection must be at least 1, was "
                    + maxMessagesPerConnection);
        }
        Objects.requireNonNull(maxIdle, "maxIdle");
        if (maxIdle.isNegative()) {
            throw new IllegalArgumentException("maxIdle must be zero (no reuse) or positive, was " + maxIdle);
        }
    }

    /**
     * RFC 5321 §4.5.3.2: greeting 5 min (§4.5.3.2.1), MAIL and RCPT 5 min (§4.5.3.2.2-3), DATA initiation
     * 2 min (§4.5.3.2.4), each data block 3 min (§4.5.3.2.5), the final dot 10 min (§4.5.3.2.6). Connect 30 s
     * and a 30 s idle cache (Postfix's smtp_connection_cache_time_limit is 2 s, receivers typically drop idle
     * clients after 30-60 s) are operating choices; 100 messages a connection is a common receiver limit.
     */
    public static SmtpClientSettings defaults() {
        return new SmtpClientSettings(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(5),
                Duration.ofMinutes(2), Duration.ofMinutes(3), Duration.ofMinutes(10), TlsPolicy.OPPORTUNISTIC,
                100, Duration.ofSeconds(30));
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        // Socket timeouts are int milliseconds.
        if (duration.isNegative() || duration.isZero() || duration.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be positive and below 24 days, was " + duration);
        }
    }
}
