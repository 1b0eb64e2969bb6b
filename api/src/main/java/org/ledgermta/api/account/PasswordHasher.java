package org.ledgermta.api.account;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.ledgermta.domain.account.PasswordHash;

/**
 * Account passwords as PBKDF2-HMAC-SHA256 (RFC 8018 §5.2) from the JDK: a random 16-byte salt per hash
 * and 210,000 iterations, so a stolen hash costs an attacker about as much per guess as a login costs
 * us (roughly 0.1 s of one core). The iteration count is stored in each hash, so raising it later leaves
 * old hashes verifiable. Thread-safe.
 */
public final class PasswordHasher {

    public static final int ITERATIONS = 210_000;
    private static final int SALT_BYTES = 16;
    private static final int KEY_BYTES = 32;

    private final SecureRandom random = new SecureRandom();

    public PasswordHash hash(String password) {
        if (password == null) {
            throw new IllegalArgumentException("A password is required.");
        }
        char[] chars = password.toCharArray();
        try {
            return hash(chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    public PasswordHash hash(char[] password) {
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("A password must not be empty.");
        }
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return PasswordHash.of(ITERATIONS, salt, derive(password, salt, ITERATIONS, KEY_BYTES));
    }

    /** Whether the password is the one hashed; false for a null or empty password or a null hash. */
    public boolean verify(String password, PasswordHash hash) {
        if (password == null || password.isEmpty() || hash == null) {
            return false;
        }
        char[] chars = password.toCharArray();
        try {
            byte[] expected = hash.hash();
            // MessageDigest.isEqual takes the same time wherever the first difference is.
            return MessageDigest.isEqual(derive(chars, hash.salt(), hash.iterations(), expected.length), expected);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int keyBytes) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, keyBytes * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK cannot compute PBKDF2WithHmacSHA256: " + e.getMessage(), e);
        } finally {
            spec.clearPassword();
        }
    }
}
