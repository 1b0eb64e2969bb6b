package org.ledgermta.api.smtp;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** The SMTP intake: where it listens and the caps that keep one client from exhausting it. */
@ConfigurationProperties(prefix = "mta.smtp", ignoreUnknownFields = false)
public record SmtpProperties(
        @DefaultValue("127.0.0.1:2525") String listen,
        @DefaultValue("25MB") DataSize maxMessageSize,
        @DefaultValue("100") int maxRecipients,
        @DefaultValue("500") int maxConnections,
        @DefaultValue("50") int maxConnectionsPerClient,
        // RFC 5321 §4.5.3.2.7: a server should wait at least 5 minutes for the next command
        @DefaultValue("5m") Duration idleTimeout,
        @DefaultValue("false") boolean authWithoutTlsOnLoopback,
        @DefaultValue Tls tls) {

    public SmtpProperties {
        if (maxMessageSize.toBytes() < 1024 || maxMessageSize.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("mta.smtp.max-message-size must be between 1KB and 2GB, was " + maxMessageSize);
        }
        if (maxRecipients < 1) {
            throw new IllegalArgumentException("mta.smtp.max-recipients must be at least 1, was " + maxRecipients);
        }
        if (maxConnections < 1 || maxConnectionsPerClient < 1) {
            throw new IllegalArgumentException("mta.smtp.max-connections and mta.smtp.max-connections-per-client"
                    + " must be at least 1");
        }
    }

    /**
     * STARTTLS certificate: a PKCS#12 keystore. With none configured, a self-signed certificate is
     * generated once into the data directory (fine for relaying hosts that do not verify it).
     */
    public record Tls(@DefaultValue("true") boolean enabled, @DefaultValue("") String keystore,
                      @DefaultValue("") String keystorePassword) {
    }
}
