package org.ledgermta.domain.account;

import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A stored password in the form {@code pbkdf2-sha256$<iterations>$<base64 salt>$<base64 hash>}, the one
 * encoding the relay writes and accepts. It never appears in logs or messages: toString() hides it, and a
 * malformed value is not echoed, because a plain password pasted into the wrong key looks like one.
 */
public record PasswordHash(String encoded) {

    public static final String SCHEME = "pbkdf2-sha256";
    private static final int MINIMUM_HASH_BYTES = 16;
    private static final Pattern ITERATIONS = Pattern.compile("[1-9][0-9]{0,9}");

    public PasswordHash {
        if (encoded == null) {
            throw new IllegalArgumentException("A password hash is required.");
        }
        String[] parts = encoded.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw malformed("expected four parts separated by '$', the first being " + SCHEME);
        }
        if (!ITERATIONS.matcher(parts[1]).matches() || Long.parseLong(parts[1]) > Integer.MAX_VALUE) {
            throw malformed("the iteration count must be a positive whole number");
        }
        if (decode(parts[2], "salt").length == 0) {
            throw malformed("the salt is empty");
        }
        if (decode(parts[3], "hash").length < MINIMUM_HASH_BYTES) {
            throw malformed("the hash must be at least " + MINIMUM_HASH_BYTES + " bytes");
        }
    }

    public static PasswordHash of(int iterations, byte[] salt, byte[] hash) {
        Base64.Encoder base64 = Base64.getEncoder();
        return new PasswordHash(SCHEME + "$" + iterations + "$" + base64.encodeToString(salt) + "$"
                + base64.encodeToString(hash));
    }

    public int iterations() {
        return Integer.parseInt(encoded.split("\\$")[1]);
    }

    public byte[] salt() {
        return Base64.getDecoder().decode(encoded.split("\\$")[2]);
    }

    /** The derived key the password must reproduce. */
    public byte[] hash() {
        return Base64.getDecoder().decode(encoded.split("\\$")[3]);
    }

    private static byte[] decode(String part, String name) {
        try {
            return Base64.getDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw malformed("the " + name + " is not standard base64");
        }
    }

    private static IllegalArgumentException malformed(String reason) {
        return new IllegalArgumentException("The password hash is not in the form " + SCHEME
                + "$<iterations>$<base64 salt>$<base64 hash>: " + reason
                + ". Give the password itself, and the relay stores its hash.");
    }

    @Override
    public String toString() {
        return "PasswordHash[***]";
    }
}
