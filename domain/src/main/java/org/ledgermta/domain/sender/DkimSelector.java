package org.ledgermta.domain.sender;

import java.util.Locale;
import java.util.regex.Pattern;
import org.ledgermta.domain.DomainName;

/**
 * The s= tag of a DKIM signature: it names the key record {@code <selector>._domainkey.<domain>}, so one
 * domain can publish several keys at once (RFC 6376 §3.1). Lower-cased, because DNS names compare without
 * case and "S2026" and "s2026" are the same record.
 */
public record DkimSelector(String value) {

    // RFC 6376 §3.1: selector = sub-domain *( "." sub-domain ), sub-domain as in RFC 5321 §4.1.2:
    // letters, digits and hyphens, starting and ending with a letter or digit; DNS limits a label to 63.
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final String KEY_RECORD_INFIX = "._domainkey.";
    private static final int MAXIMUM_NAME_LENGTH = 253;

    public DkimSelector {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("A DKIM selector is required, for example 's2026' or 'mail.2026'.");
        }
        String selector = value.toLowerCase(Locale.ROOT);
        for (String label : selector.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("DKIM selector '" + value + "' has an invalid label '" + label
                        + "': expected dot-separated labels of 1 to 63 letters, digits or hyphens, not starting"
                        + " or ending with a hyphen (RFC 6376 §3.1).");
            }
        }
        value = selector;
    }

    /** The TXT record that publishes this selector's key for the domain (RFC 6376 §3.6.2.1). */
    public String keyRecordName(DomainName domain) {
        String name = value + KEY_RECORD_INFIX + domain.value();
        if (name.length() > MAXIMUM_NAME_LENGTH) {
            throw new IllegalArgumentException("DKIM selector '" + value + "' is too long for domain " + domain
                    + ": its key record " + name + " has " + name.length() + " characters, expected at most "
                    + MAXIMUM_NAME_LENGTH + " (RFC 1035 §2.3.4).");
        }
        return name;
    }

    @Override
    public String toString() {
        return value;
    }
}
