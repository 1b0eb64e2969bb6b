package org.ledgermta.domain.message;

import java.util.regex.Pattern;

/** The queue id the relay gives a message at acceptance, quoted back in the SMTP reply {@code 250 2.0.0 Ok <id>}. */
public record MessageId(String value) {

    private static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9-]{8,64}");

    public MessageId {
        if (value == null || !SYNTAX.matcher(value).matches()) {
            throw new IllegalArgumentException("Message id '" + value
                    + "' is not valid: expected 8 to 64 letters, digits or hyphens.");
        }
    }

    // Ids are generated at the edge, never here: the domain has no source of randomness.
    public static MessageId of(String value) {
        return new MessageId(value);
    }

    // Axon derives the aggregate identifier and routing keys from toString().
    @Override
    public String toString() {
        return value;
    }
}
