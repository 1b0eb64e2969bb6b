package org.ledgermta.domain.provider;

import org.ledgermta.domain.DomainName;

/**
 * An MX host name as providers.txt writes it: exactly ("mx.example.net"), or "*.example.net" for every name
 * that ends in ".example.net" (not example.net itself, which is no provider's MX host name in practice).
 *
 * @param name the host name, or for a glob the part after "*."
 * @param below whether the pattern is a glob, matching the names below name
 * @param line where it is written
 */
record MxPattern(String name, boolean below, int line) {

    static MxPattern parse(String written, int line) {
        boolean below = written.startsWith("*.");
        String name = below ? written.substring(2) : written;
        try {
            return new MxPattern(new DomainName(name).value(), below, line);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mx pattern '" + written + "' is not a host name such as"
                    + " mx.example.net or a glob such as *.example.net: " + e.getMessage(), e);
        }
    }

    /** @param host lower case, without a trailing dot */
    boolean matches(String host) {
        if (!below) {
            return host.equals(name);
        }
        int dot = host.length() - name.length() - 1;
        return dot > 0 && host.charAt(dot) == '.' && host.endsWith(name);
    }

    /** Whether this pattern matches every host the other one does, which would leave the other, if later, dead. */
    boolean covers(MxPattern other) {
        return below ? matches(other.name) || other.below && other.name.equals(name)
                : !other.below && other.name.equals(name);
    }

    @Override
    public String toString() {
        return below ? "*." + name : name;
    }
}
