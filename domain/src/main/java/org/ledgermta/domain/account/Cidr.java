package org.ledgermta.domain.account;

import java.util.Arrays;
import java.util.regex.Pattern;
import org.ledgermta.domain.IpAddressLiteral;

/**
 * A network of client addresses, such as 203.0.113.0/24 or 2001:db8::/32; a bare address is one host
 * (/32 or /128). Kept in one normal form (RFC 5952 for IPv6, IPv4-mapped networks as IPv4), so equal
 * networks are equal values. Parsed here, never through InetAddress, which would resolve names.
 */
public record Cidr(String value) {

    private static final Pattern PREFIX = Pattern.compile("0|[1-9][0-9]{0,2}");

    public Cidr {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("A network is required, for example '203.0.113.0/24', "
                    + "'2001:db8::/32' or a single address such as '192.0.2.7'.");
        }
        value = normalise(value);
    }

    /** The number of leading bits that name the network: 0 to 32 for IPv4, 0 to 128 for IPv6. */
    public int prefixLength() {
        return Integer.parseInt(value.substring(value.indexOf('/') + 1));
    }

    /**
     * Whether a client's address lies in this network. The address may carry a zone index (fe80::1%eth0),
     * as InetAddress.getHostAddress() writes link-local addresses; anything but an address literal is
     * refused with an IllegalArgumentException.
     */
    public boolean contains(String ipLiteral) {
        if (ipLiteral == null) {
            throw new IllegalArgumentException("A client address is required, for example '192.0.2.7'.");
        }
        int zone = ipLiteral.indexOf('%');
        byte[] address;
        try {
            address = IpAddressLiteral.parse(zone < 0 ? ipLiteral : ipLiteral.substring(0, zone));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Client address " + e.getMessage() + ".");
        }
        return contains(address, -1);
    }

    /** Whether every address of the other network lies in this one. */
    public boolean contains(Cidr other) {
        return contains(other.network(), other.prefixLength());
    }

    private boolean contains(byte[] address, int otherPrefix) {
        byte[] network = network();
        int prefix = prefixLength();
        if (address.length != network.length || (otherPrefix >= 0 && otherPrefix < prefix)) {
            return false;
        }
        return Arrays.equals(masked(address, prefix), network);
    }

    private byte[] network() {
        return IpAddressLiteral.parse(value.substring(0, value.indexOf('/')));
    }

    private static String normalise(String text) {
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        byte[] address;
        try {
            address = IpAddressLiteral.parse(addressText);
        } catch (IllegalArgumentException e) {
            throw invalid(text, e.getMessage());
        }
        boolean mapped = addressText.indexOf(':') >= 0 && address.length == 4;
        int bits = address.length * 8 + (mapped ? 96 : 0);
        int prefix = bits;
        if (slash >= 0) {
            String prefixText = text.substring(slash + 1);
            if (!PREFIX.matcher(prefixText).matches() || Integer.parseInt(prefixText) > bits) {
                throw invalid(text, "the prefix length after '/' must be a number from 0 to " + bits);
            }
            prefix = Integer.parseInt(prefixText);
        }
        if (mapped) {
            // ::ffff:192.0.2.0/120 is 192.0.2.0/24; a shorter prefix reaches beyond the mapped range.
            if (prefix < 96) {
                throw invalid(text, "an IPv4-mapped network needs a prefix of 96 or more; write the IPv4 "
                        + "network instead, for example 192.0.2.0/24");
            }
            prefix -= 96;
        }
        byte[] network = masked(address, prefix);
        if (!Arrays.equals(network, address)) {
            throw invalid(text, "it has host bits set after the first " + prefix + " bits; write the network "
                    + IpAddressLiteral.format(network) + "/" + prefix + ", or " + IpAddressLiteral.format(address)
                    + "/" + address.length * 8 + " for the single address");
        }
        return IpAddressLiteral.format(network) + "/" + prefix;
    }

    private static byte[] masked(byte[] address, int prefix) {
        byte[] network = address.clone();
        for (int i = 0; i < network.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            network[i] &= (byte) (0xff << (8 - keep));
        }
        return network;
    }

    private static IllegalArgumentException invalid(String text, String reason) {
        return new IllegalArgumentException("Network '" + text + "' is not valid: " + reason
                + ". Expected a network such as 203.0.113.0/24 or 2001:db8::/32, or a single address.");
    }

    @Override
    public String toString() {
        return value;
    }
}
