package org.ledgermta.domain.provider;

import java.util.Locale;
import java.util.regex.Pattern;

/** A mailbox provider as providers.txt names it ("gmail", "microsoft"), the key of its shaping and warm-up. */
public record ProviderName(String value) {

    // Before DEFAULT, which the constructor checks against it.
    private static final Pattern SYNTAX = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /** The provider of every MX host no other provider names. */
    public static final ProviderName DEFAULT = new ProviderName("default");

    public ProviderName {
        if (value == null) {
            throw new IllegalArgumentException("A provider name is required, for example 'gmail'.");
        }
        String name = value.toLowerCase(Locale.ROOT);
        if (!SYNTAX.matcher(name).matches()) {
            throw new IllegalArgumentException("Provider name '" + value + "' is not valid: expected 1 to 64 letters,"
                    + " digits or hyphens, not starting with a hyphen, such as 'gmail' or 'mail-ru'.");
        }
        value = name;
    }

    @Override
    public String toString() {
        return value;
    }
}
