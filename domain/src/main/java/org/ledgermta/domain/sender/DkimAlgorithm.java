package org.ledgermta.domain.sender;

/** How a domain's mail is signed: the key type published in k= and the algorithm named in a=. */
public enum DkimAlgorithm {
    /** RFC 6376 §3.3.1; RFC 8301 §3.2 asks signers for keys of at least 2048 bits. */
    RSA_2048("rsa", "rsa-sha256"),
    /** RFC 8463; not every receiver verifies it yet, so a domain signed with it alone may fail DKIM there. */
    ED25519("ed25519", "ed25519-sha256");

    private final String keyType;
    private final String signatureAlgorithm;

    DkimAlgorithm(String keyType, String signatureAlgorithm) {
        this.keyType = keyType;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The value of the k= tag in the key record (RFC 6376 §3.6.1, RFC 8463 §4.2). */
    public String keyType() {
        return keyType;
    }

    /** The value of the a= tag in a signature (RFC 6376 §3.5, RFC 8463 §3). */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }
}
