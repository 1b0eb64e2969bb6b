package org.ledgermta.delivery.dns;

import java.util.Locale;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** One look-up: an absolute name (lower case, written without the final dot) and MX, A or AAAA. */
record DnsQuestion(String name, int type) {

    DnsQuestion {
        if (type != Type.MX && type != Type.A && type != Type.AAAA) {
            throw new IllegalArgumentException("only MX, A and AAAA are looked up, not " + Type.string(type));
        }
        if (name == null || name.isEmpty() || name.equals(".") || name.endsWith(".")) {
            throw new IllegalArgumentException("a question needs a name without the final dot, was '" + name + "'");
        }
        name = name.toLowerCase(Locale.ROOT);
    }

    Name dnsName() {
        try {
            return Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("'" + name + "' is not a DNS name: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return Type.string(type) + " " + name;
    }
}
