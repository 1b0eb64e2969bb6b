package org.ledgermta.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/** A host or mail domain name in its ASCII form, lower-cased, without the root's trailing dot. */
public record DomainName(String value) {

    // RFC 1035 §2.3.1 letter-digit-hyphen labels, relaxed by RFC 1123 §2.1 to allow a leading digit.
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern ALL_DIGITS = Pattern.compile("[0-9]+");

    public DomainName {
        if (value == null) {
            throw new IllegalArgumentException("A domain name is required, for example 'example.com'.");
        }
        String name = value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
        name = name.toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("Domain name '" + value + "' is empty: expected at least one label.");
        }
        if (name.length() > 253) {
            throw new IllegalArgumentException("Domain name '" + value + "' has " + name.length()
                    + " characters: expected at most 253 (RFC 1035 §2.3.4).");
        }
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("Domain name '" + value + "' has an invalid label '" + label
                        + "': expected 1 to 63 letters, digits or hyphens, not starting or ending with a hyphen"
                        + " (internationalised names in their xn-- form).");
            }
        }
        // RFC 1123 §2.1: a top-level label is never all-numeric, so such a name is a mistyped IP address.
        if (ALL_DIGITS.matcher(labels[labels.length - 1]).matches()) {
            throw new IllegalArgumentException("Domain name '" + value
                    + "' ends in an all-numeric label: expected a name, not an IP address.");
        }
        value = name;
    }

    @Override
    public String toString() {
        return value;
    }
}
