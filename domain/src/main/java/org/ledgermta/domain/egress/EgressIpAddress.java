package org.ledgermta.domain.egress;

import org.ledgermta.domain.IpAddressLiteral;

/**
 * A source address the relay sends from, as a literal IPv4 or IPv6 address in one normal form, so that the
 * same IP is always the same aggregate. The literal is parsed by {@link IpAddressLiteral} rather than by
 * InetAddress.getByName, which would resolve anything that is not a literal through DNS.
 */
public record EgressIpAddress(String value) {

    public EgressIpAddress {
        if (value == null) {
            throw new IllegalArgumentException("An egress IP address is required, for example '192.0.2.10'.");
        }
        try {
            value = IpAddressLiteral.normalise(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Egress IP address " + e.getMessage() + ".");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
