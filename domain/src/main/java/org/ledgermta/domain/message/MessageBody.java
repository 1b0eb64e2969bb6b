package org.ledgermta.domain.message;

import java.util.regex.Pattern;

/** A reference to a message body stored once, outside the event store, keyed by its SHA-256. */
public record MessageBody(String sha256, long sizeBytes) {

    private static final Pattern SHA_256 = Pattern.compile("[0-9a-f]{64}");

    public MessageBody {
        if (sha256 == null || !SHA_256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("Body hash '" + sha256
                    + "' is not valid: expected a SHA-256 digest as 64 lower-case hex digits.");
        }
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("Body size " + sizeBytes + " is negative: expected 0 or more bytes.");
        }
    }
}
