package org.ledgermta.delivery.dns;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One place to try a delivery: {@code host} is the MX host name (or the domain itself for an implicit MX, or the
 * address as written for a static route), {@code address} the one address of it to connect to.
 */
public record Destination(String host, InetAddress address, int port, int preference) {

    public Destination {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("a destination needs a host name, was '" + host + "'");
        }
        Objects.requireNonNull(address, "address");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port of " + host + " must be 1 to 65535, was " + port);
        }
        // RFC 1035 §3.3.9: PREFERENCE is a 16-bit unsigned integer.
        if (preference < 0 || preference > 65535) {
            throw new IllegalArgumentException("MX preference of " + host + " must be 0 to 65535, was " + preference);
        }
    }
}
