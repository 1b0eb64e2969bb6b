package org.ledgermta.delivery.dkim;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.ledgermta.domain.DomainName;
import org.ledgermta.domain.sender.DkimAlgorithm;
import org.ledgermta.domain.sender.DkimSelector;

/**
 * DKIM private keys encrypted at rest: AES-256-GCM under one master key from configuration, so the event
 * store, its backups and the projections only ever hold {@code v1:<base64 nonce>:<base64 ciphertext+tag>}.
 * The domain and selector are GCM's associated data: a sealed key copied to another domain's record does not
 * open there, so one customer's key cannot be made to sign another customer's domain.
 *
 * <p>Thread-safe: each call uses its own {@link Cipher}.
 */
public final class KeyVault {

    private static final String FORMAT = "v1";
    private static final int MASTER_KEY_BYTES = 32;
    // NIST SP 800-38D §8.2.2: random 96-bit nonces are safe for up to 2^32 seals under one key.
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String CIPHER = "AES/GCM/NoPadding";
    // Binds the ciphertext to its purpose as well, should the master key ever seal anything else.
    private static final String ASSOCIATED_DATA_LABEL = "ledgermta dkim private key v1";
    private static final String HOW_TO_MAKE_ONE = "make one with: openssl rand -base64 32";

    private final SecretKey masterKey;
    private final SecureRandom random;

    /**
     * @param masterKeyBase64 32 random bytes in base64, as {@code openssl rand -base64 32} prints them
     *                        (configuration key {@code mta.dkim.master-key})
     */
    public KeyVault(String masterKeyBase64) {
        this(masterKeyBase64, new SecureRandom());
    }

    KeyVault(String masterKeyBase64, SecureRandom random) {
        if (masterKeyBase64 == null || masterKeyBase64.isBlank()) {
            throw new IllegalArgumentException("The DKIM master key (mta.dkim.master-key) is not set: it must be"
                    + " 32 random bytes in base64; " + HOW_TO_MAKE_ONE + ".");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(masterKeyBase64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The DKIM master key (mta.dkim.master-key) is not base64: it must"
                    + " be 32 random bytes in base64; " + HOW_TO_MAKE_ONE + ".");
        }
        try {
            if (key.length != MASTER_KEY_BYTES) {
                throw new IllegalArgumentException("The DKIM master key (mta.dkim.master-key) decodes to "
                        + key.length + " bytes: AES-256 needs exactly " + MASTER_KEY_BYTES + "; "
                        + HOW_TO_MAKE_ONE + ".");
            }
            this.masterKey = new SecretKeySpec(key, "AES");
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        this.random = Objects.requireNonNull(random, "random is required");
    }

    /** A new master key in the form the constructor takes, for set-up tools and tests. */
    public static String newMasterKey() {
        byte[] key = new byte[MASTER_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        try {
            return Base64.getEncoder().encodeToString(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The private key encrypted for the key record {@code <selector>._domainkey.<domain>}. */
    public String seal(PrivateKey key, DomainName domain, DkimSelector selector) {
        Objects.requireNonNull(key, "key is required");
        Objects.requireNonNull(domain, "domain is required");
        Objects.requireNonNull(selector, "selector is required");
        byte[] plaintext = DkimKeyMaterial.encodePrivateKey(key);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, masterKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(domain, selector));
            byte[] sealed = cipher.doFinal(plaintext);
            Base64.Encoder base64 = Base64.getEncoder();
            return FORMAT + ":" + base64.encodeToString(nonce) + ":" + base64.encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this JDK", e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * The private key that {@link #seal} sealed for this domain and selector.
     *
     * @throws SealedKeyException when the text is not sealed by this vault's master key for this domain and
     *                            selector, was altered, or holds a key of another algorithm
     */
    public PrivateKey open(String sealed, DomainName domain, DkimSelector selector, DkimAlgorithm algorithm) {
        Objects.requireNonNull(domain, "domain is required");
        Objects.requireNonNull(selector, "selector is required");
        Objects.requireNonNull(algorithm, "algorithm is required");
        String which = "The sealed DKIM key of selector " + selector + " for " + domain;
        String[] parts = sealed == null ? new String[0] : sealed.strip().split(":", -1);
        if (parts.length != 3 || !FORMAT.equals(parts[0])) {
            throw new SealedKeyException(SealedKeyException.Reason.MALFORMED, domain, selector, which
                    + " is not in the vault's form v1:<base64 nonce>:<base64 ciphertext>; it may be truncated"
                    + " or come from another tool.", null);
        }
        byte[] nonce;
        byte[] ciphertext;
        try {
            nonce = Base64.getDecoder().decode(parts[1]);
            ciphertext = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new SealedKeyException(SealedKeyException.Reason.MALFORMED, domain, selector, which
                    + " has a nonce or ciphertext that is not base64.", e);
        }
        if (nonce.length != NONCE_BYTES || ciphertext.length <= TAG_BITS / 8) {
            throw new SealedKeyException(SealedKeyException.Reason.MALFORMED, domain, selector, which
                    + " has a " + nonce.length + "-byte nonce and a " + ciphertext.length
                    + "-byte ciphertext: expected a 12-byte nonce and a ciphertext longer than its 16-byte tag.",
                    null);
        }
        byte[] plaintext;
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, masterKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(domain, selector));
            plaintext = cipher.doFinal(ciphertext);
        } catch (AEADBadTagException e) {
            throw new SealedKeyException(SealedKeyException.Reason.NOT_AUTHENTIC, domain, selector, which
                    + " does not decrypt: it was sealed under another master key (mta.dkim.master-key), or for"
                    + " another domain or selector, or it has been altered.", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this JDK", e);
        }
        try {
            return DkimKeyMaterial.decodePrivateKey(plaintext, algorithm);
        } catch (IllegalArgumentException e) {
            throw new SealedKeyException(SealedKeyException.Reason.WRONG_ALGORITHM, domain, selector, which
                    + " decrypts, but is not a " + algorithm.keyType() + " private key: "
                    + e.getMessage(), e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    // NUL cannot occur in a domain name or a selector, so no two (domain, selector) pairs share these bytes.
    private static byte[] associatedData(DomainName domain, DkimSelector selector) {
        return (ASSOCIATED_DATA_LABEL + '\0' + domain.value() + '\0' + selector.value())
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "KeyVault[AES-256-GCM, master key not shown]";
    }
}
