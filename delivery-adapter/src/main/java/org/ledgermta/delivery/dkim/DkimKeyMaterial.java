package org.ledgermta.delivery.dkim;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import org.ledgermta.domain.sender.DkimAlgorithm;

/**
 * DKIM key pairs: making them, the p= text of their key record, and the PKCS#8 form the key vault seals.
 * Only the JDK's own providers are used: "RSA" and "Ed25519" (JEP 339) are in every JDK since 15.
 */
public final class DkimKeyMaterial {

    /** RFC 8301 §3.2: signers SHOULD use at least 2048 bits; larger keys outgrow one TXT string for nothing. */
    public static final int RSA_KEY_BITS = 2048;

    // RFC 8410 §4: an Ed25519 SubjectPublicKeyInfo is this fixed 12-byte DER prefix, then the 32 key octets.
    private static final byte[] ED25519_SPKI_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
    };
    private static final int ED25519_KEY_BYTES = 32;
    // RFC 8301 §3.2: verifiers MUST NOT consider signatures with keys under 1024 bits valid.
    private static final int RSA_MINIMUM_BITS_VERIFIERS_ACCEPT = 1024;

    private DkimKeyMaterial() {
    }

    /** A new key pair: RSA of {@value #RSA_KEY_BITS} bits, or Ed25519. */
    public static KeyPair generate(DkimAlgorithm algorithm) {
        Objects.requireNonNull(algorithm, "algorithm is required");
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(jcaName(algorithm));
            if (algorithm == DkimAlgorithm.RSA_2048) {
                generator.initialize(RSA_KEY_BITS);
            }
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JDK cannot make " + jcaName(algorithm) + " keys", e);
        }
    }

    /**
     * The value of the p= tag: for RSA the base64 DER SubjectPublicKeyInfo (RFC 6376 §3.6.1), for Ed25519 the
     * base64 of the raw 32-byte public key (RFC 8463 §4.2), not its SubjectPublicKeyInfo.
     */
    public static String publicKeyForDns(PublicKey key) {
        byte[] encoded = subjectPublicKeyInfo(key);
        return switch (algorithmOf(key)) {
            case RSA_2048 -> Base64.getEncoder().encodeToString(encoded);
            case ED25519 -> {
                if (encoded.length != ED25519_SPKI_PREFIX.length + ED25519_KEY_BYTES
                        || !Arrays.equals(encoded, 0, ED25519_SPKI_PREFIX.length,
                                ED25519_SPKI_PREFIX, 0, ED25519_SPKI_PREFIX.length)) {
                    throw new IllegalArgumentException("This Ed25519 public key is not encoded as RFC 8410 §4"
                            + " describes, so its raw 32 bytes cannot be taken from it.");
                }
                yield Base64.getEncoder().encodeToString(
                        Arrays.copyOfRange(encoded, ED25519_SPKI_PREFIX.length, encoded.length));
            }
        };
    }

    /** The public key that a key record's p= text publishes, read back: the inverse of publicKeyForDns. */
    public static PublicKey publicKeyFromDns(String p, DkimAlgorithm algorithm) {
        Objects.requireNonNull(algorithm, "algorithm is required");
        byte[] key;
        try {
            // RFC 6376 §3.6.1 allows folding whitespace inside p=.
            key = Base64.getDecoder().decode(Objects.requireNonNullElse(p, "").replaceAll("[ \t\r\n]", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The p= text of a DKIM key record is not base64: " + p, e);
        }
        byte[] spki = key;
        if (algorithm == DkimAlgorithm.ED25519) {
            if (key.length != ED25519_KEY_BYTES) {
                throw new IllegalArgumentException("The p= text of an Ed25519 key record holds " + key.length
                        + " bytes: expected the raw 32-byte key (RFC 8463 §4.2).");
            }
            spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + ED25519_KEY_BYTES);
            System.arraycopy(key, 0, spki, ED25519_SPKI_PREFIX.length, ED25519_KEY_BYTES);
        }
        try {
            return keyFactory(algorithm).generatePublic(new X509EncodedKeySpec(spki));
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("The p= text of the DKIM key record is not a "
                    + algorithm.keyType() + " public key.", e);
        }
    }

    /** The PKCS#8 DER form of a private key, which the key vault seals. */
    public static byte[] encodePrivateKey(PrivateKey key) {
        algorithmOf(key);
        byte[] encoded = key.getEncoded();
        if (encoded == null || !"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("This " + key.getAlgorithm()
                    + " private key has no PKCS#8 encoding (it may live in a hardware token).");
        }
        return encoded;
    }

    /** A private key from its PKCS#8 DER form; refused when the bytes hold a key of another algorithm. */
    public static PrivateKey decodePrivateKey(byte[] pkcs8, DkimAlgorithm algorithm) {
        Objects.requireNonNull(pkcs8, "pkcs8 is required");
        Objects.requireNonNull(algorithm, "algorithm is required");
        PrivateKey key;
        try {
            key = keyFactory(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("These bytes are not a PKCS#8 " + algorithm.keyType()
                    + " private key.", e);
        }
        if (algorithmOf(key) != algorithm) {
            throw new IllegalArgumentException("These bytes hold a " + key.getAlgorithm()
                    + " private key, not a " + algorithm.keyType() + " one.");
        }
        return key;
    }

    /**
     * Which DKIM algorithm a key belongs to. RSA keys under 1024 bits and EdDSA keys other than Ed25519
     * (Ed448 has no DKIM algorithm) are refused: no verifier would accept their signatures.
     */
    public static DkimAlgorithm algorithmOf(Key key) {
        Objects.requireNonNull(key, "key is required");
        if (key instanceof RSAKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < RSA_MINIMUM_BITS_VERIFIERS_ACCEPT) {
                throw new IllegalArgumentException("This RSA key has " + bits + " bits: verifiers ignore DKIM"
                        + " signatures made with fewer than 1024 (RFC 8301 §3.2); make a new "
                        + RSA_KEY_BITS + "-bit key.");
            }
            return DkimAlgorithm.RSA_2048;
        }
        if (key instanceof EdECKey edec
                && edec.getParams() instanceof NamedParameterSpec curve
                && NamedParameterSpec.ED25519.getName().equalsIgnoreCase(curve.getName())) {
            return DkimAlgorithm.ED25519;
        }
        throw new IllegalArgumentException("A " + key.getAlgorithm() + " key cannot sign DKIM: expected RSA"
                + " (RFC 6376) or Ed25519 (RFC 8463).");
    }

    static String jcaName(DkimAlgorithm algorithm) {
        return switch (algorithm) {
            case RSA_2048 -> "RSA";
            case ED25519 -> "Ed25519";
        };
    }

    private static byte[] subjectPublicKeyInfo(PublicKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded == null || !"X.509".equals(key.getFormat())) {
            throw new IllegalArgumentException("This " + key.getAlgorithm()
                    + " public key has no SubjectPublicKeyInfo encoding.");
        }
        return encoded;
    }

    private static KeyFactory keyFactory(DkimAlgorithm algorithm) {
        try {
            return KeyFactory.getInstance(jcaName(algorithm));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK cannot read " + jcaName(algorithm) + " keys", e);
        }
    }
}
