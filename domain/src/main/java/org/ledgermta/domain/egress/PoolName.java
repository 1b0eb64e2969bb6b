package org.ledgermta.domain.egress;

import java.util.regex.Pattern;

public record PoolName(String value) {

    private static final Pattern SYNTAX = Pattern.compile("[a-z0-9_-]{1,64}");

    public PoolName {
        if (value == null || !SYNTAX.matcher(value).matches()) {
            throw new IllegalArgumentException("Pool name '" + value
                    + "' is not valid: expected 1 to 64 lower-case letters, digits, underscores or hyphens.");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
