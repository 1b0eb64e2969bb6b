package org.ledgermta.delivery.dsn;

import org.ledgermta.domain.DomainName;
import org.ledgermta.domain.IpAddressLiteral;

/** The name of a mail server as the Remote-MTA field writes it: a host name, or an address in brackets. */
final class MtaName {

    private MtaName() {
    }

    static String normalise(String text, String what) {
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (bare.indexOf(':') >= 0 || bare.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
            try {
                return "[" + IpAddressLiteral.normalise(bare) + "]";
            } catch (IllegalArgumentException notAnAddress) {
                throw new IllegalArgumentException(what + " '" + text + "' is not valid: "
                        + notAnAddress.getMessage() + ".", notAnAddress);
            }
        }
        try {
            return new DomainName(text).value();
        } catch (IllegalArgumentException notAName) {
            throw new IllegalArgumentException(what + " '" + text + "' is not valid: expected a host name or an IP"
                    + " address. " + notAName.getMessage(), notAName);
        }
    }
}
