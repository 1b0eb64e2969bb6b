package org.ledgermta.domain;

import java.util.regex.Pattern;

public record AccountId(String value) {

    private static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public AccountId {
        if (value == null || !SYNTAX.matcher(value).matches()) {
            throw new IllegalArgumentException("Account id '" + value
                    + "' is not valid: expected 1 to 64 letters, digits, dots, underscores or hyphens.");
        }
    }

    // Axon derives the aggregate identifier and routing keys from toString().
    @Override
    public String toString() {
        return value;
    }
}
