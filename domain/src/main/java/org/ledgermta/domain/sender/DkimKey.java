package org.ledgermta.domain.sender;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Base64;

/**
 * One DKIM key pair of a sender domain. publicKey is the base64 text published in the key record's p= tag:
 * for RSA the DER SubjectPublicKeyInfo (or PKCS#1 RSAPublicKey), for Ed25519 the raw 32-byte key (RFC 8463
 * §4.2). encryptedPrivateKey is the key vault's opaque text: the model stores and compares it but never
 * decrypts it, and toString() leaves it out so it cannot reach a log.
 */
public record DkimKey(
        DkimSelector selector,
        DkimAlgorithm algorithm,
        String publicKey,
        String encryptedPrivateKey,
        Instant createdAt) {

    private static final int ED25519_KEY_BYTES = 32;
    private static final int ED25519_SUBJECT_PUBLIC_KEY_INFO_BYTES = 44;
    // A 2048-bit modulus alone is 256 bytes; with e=65537, PKCS#1 encodes it in 270 bytes and
    // SubjectPublicKeyInfo in 294. A 1024-bit key (162 bytes) is what this bound is meant to catch.
    private static final int RSA_2048_MINIMUM_BYTES = 256;
    private static final int RSA_2048_MAXIMUM_BYTES = 300;
    private static final byte DER_SEQUENCE = 0x30;

    public DkimKey {
        requireNonNull(selector, "selector is required");
        requireNonNull(algorithm, "algorithm is required");
        requireNonNull(createdAt, "createdAt is required");
        if (encryptedPrivateKey == null || encryptedPrivateKey.isBlank()) {
            throw new IllegalArgumentException("DKIM key " + selector
                    + " has no private key: expected the key vault's encrypted text.");
        }
        if (publicKey == null) {
            throw new IllegalArgumentException("DKIM key " + selector
                    + " has no public key: expected the base64 text of its p= tag.");
        }
        // RFC 6376 §3.6.1 allows folding white space inside p=; the stored form has none.
        publicKey = publicKey.replaceAll("[ \t\r\n]", "");
        checkPublicKey(selector, algorithm, decode(selector, publicKey));
    }

    private static byte[] decode(DkimSelector selector, String base64) {
        if (base64.isEmpty()) {
            // An empty p= means a revoked key (RFC 6376 §3.6.1): never a key to sign with.
            throw new IllegalArgumentException("DKIM key " + selector
                    + " has an empty public key, which publishes it as revoked: expected the base64 key.");
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("DKIM key " + selector + " has a public key that is not standard"
                    + " base64: expected the text of its p= tag, without PEM armour lines.");
        }
    }

    private static void checkPublicKey(DkimSelector selector, DkimAlgorithm algorithm, byte[] key) {
        switch (algorithm) {
            case ED25519 -> {
                if (key.length == ED25519_SUBJECT_PUBLIC_KEY_INFO_BYTES && key[0] == DER_SEQUENCE) {
                    throw new IllegalArgumentException("DKIM key " + selector + " publishes an Ed25519 key in its"
                            + " 44-byte SubjectPublicKeyInfo form: RFC 8463 §4.2 publishes the raw 32-byte key,"
                            + " the last 32 bytes of that form.");
                }
                if (key.length != ED25519_KEY_BYTES) {
                    throw new IllegalArgumentException("DKIM key " + selector + " has an Ed25519 public key of "
                            + key.length + " bytes: expected " + ED25519_KEY_BYTES + " (RFC 8463 §4.2).");
                }
            }
            case RSA_2048 -> {
                if (key[0] != DER_SEQUENCE || key.length < RSA_2048_MINIMUM_BYTES
                        || key.length > RSA_2048_MAXIMUM_BYTES) {
                    throw new IllegalArgumentException("DKIM key " + selector + " has an RSA public key of "
                            + key.length + " bytes: expected the DER encoding of a 2048-bit key, about 294"
                            + " bytes (RFC 8301 §3.2).");
                }
            }
        }
    }

    @Override
    public String toString() {
        return "DkimKey[selector=" + selector + ", algorithm=" + algorithm + ", publicKey=" + publicKey
                + ", encryptedPrivateKey=***, createdAt=" + createdAt + "]";
    }
}
