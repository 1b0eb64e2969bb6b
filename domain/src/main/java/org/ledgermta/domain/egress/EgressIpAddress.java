package org.ledgermta.domain.egress;

/**
 * A source address the relay sends from, as a literal IPv4 or IPv6 address in one normal form, so that the
 * same IP is always the same aggregate. The literal is parsed here rather than by InetAddress.getByName,
 * which would resolve anything that is not a literal through DNS.
 */
public record EgressIpAddress(String value) {

    public EgressIpAddress {
        if (value == null) {
            throw new IllegalArgumentException("An egress IP address is required, for example '192.0.2.10'.");
        }
        value = IpLiteral.normalise(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
