package org.ledgermta.delivery.records;

import java.security.PublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One DKIM key to publish: the selector it is found under, its key type ({@code k=}) and its public key
 * ({@code p=}, base64). During a key rotation a domain has two, the old selector and the new one.
 */
public record DkimRecordInput(String selector, String keyType, String publicKey) {

    public static final String RSA = "rsa";
    public static final String ED25519 = "ed25519";

    // RFC 6376 §3.1: a selector is one or more dot-separated sub-domain labels (letters, digits, hyphens).
    private static final Pattern SELECTOR = Pattern.compile(
            "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");
    // The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 §4) before the 32 key octets.
    private static final int ED25519_SPKI_PREFIX = 12;

    public DkimRecordInput {
        if (selector == null || !SELECTOR.matcher(selector.toLowerCase(Locale.ROOT)).matches()) {
            throw new IllegalArgumentException("DKIM selector '" + selector
                    + "' is not valid: expected labels of letters, digits and hyphens such as 's1' or '2024-06'"
                    + " (RFC 6376 §3.1).");
        }
        selector = selector.toLowerCase(Locale.ROOT);
        // RFC 8301 and RFC 8463 are the key types verifiers know today; anything else would never verify.
        if (!RSA.equals(keyType) && !ED25519.equals(keyType)) {
            throw new IllegalArgumentException("DKIM key type '" + keyType + "' of selector " + selector
                    + " is not supported: expected rsa or ed25519.");
        }
        // RFC 6376 §3.6.1 lets p= carry folding whitespace; the record we publish carries none.
        String key = publicKey == null ? "" : publicKey.replaceAll("\\s+", "");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("DKIM selector " + selector + " has no public key: an empty p="
                    + " would publish a revoked key (RFC 6376 §3.6.1).");
        }
        if (!BASE64.matcher(key).matches() || key.length() % 4 != 0) {
            throw new IllegalArgumentException("The DKIM public key of selector " + selector
                    + " is not base64 (RFC 6376 §3.6.1 p=).");
        }
        publicKey = key;
    }

    /**
     * The p= of a Java public key: for RSA the DER SubjectPublicKeyInfo, which is what opendkim-genkey publishes and
     * every verifier reads; for Ed25519 the bare 32-octet key (RFC 8463 §4).
     */
    public static DkimRecordInput of(String selector, PublicKey key) {
        return switch (key) {
            case RSAPublicKey rsa -> new DkimRecordInput(selector, RSA,
                    Base64.getEncoder().encodeToString(rsa.getEncoded()));
            case EdECPublicKey edwards when "Ed25519".equals(edwards.getParams().getName()) -> {
                byte[] spki = edwards.getEncoded();
                yield new DkimRecordInput(selector, ED25519,
                        Base64.getEncoder().encodeToString(Arrays.copyOfRange(spki, ED25519_SPKI_PREFIX, spki.length)));
            }
            default -> throw new IllegalArgumentException("DKIM selector " + selector + " has a "
                    + key.getAlgorithm() + " key: expected RSA or Ed25519.");
        };
    }
}
