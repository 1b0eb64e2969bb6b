package org.ledgermta.api.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outbound delivery: which IPs send (mta.egress.ips), where mail goes when the routes override MX
 * (mta.routes), which DNS server answers MX queries (mta.dns.resolver) and how hard we push
 * (mta.delivery.*).
 */
@ConfigurationProperties(prefix = "mta")
public record DeliveryProperties(
        @DefaultValue Egress egress,
        @DefaultValue("") String routes,
        @DefaultValue Dns dns,
        @DefaultValue Delivery delivery) {

    /**
     * {@code ips}: comma-separated egress IPs, each optionally {@code ip=helo.name}; the HELO name
     * otherwise is mta.hostname (no reverse lookup is made at start-up).
     */
    public record Egress(@DefaultValue("") String ips, @DefaultValue("default") String pool) {
    }

    /** {@code resolver}: host:port of the DNS server for MX look-ups; empty = the system's. */
    public record Dns(@DefaultValue("") String resolver, @DefaultValue("5s") Duration timeout) {
    }

    public record Delivery(
            @DefaultValue("25") int port,
            @DefaultValue("20") int concurrency,
            @DefaultValue("true") boolean enabled,
            // the retry after a block-listing goes out at once from another IP: "seconds, not the back-off"
            @DefaultValue("1s") Duration blockedRetryDelay) {

        public Delivery {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("mta.delivery.port must be 1-65535, was " + port);
            }
            if (concurrency < 1) {
                throw new IllegalArgumentException("mta.delivery.concurrency must be at least 1, was " + concurrency);
            }
        }
    }
}
