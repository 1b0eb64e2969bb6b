package org.ledgermta.delivery.smtp;

/** When the SMTP client uses STARTTLS (RFC 3207). */
public enum TlsPolicy {
    /**
     * STARTTLS whenever the server offers it, without checking its certificate (RFC 7435 opportunistic
     * security: most MX certificates would not verify, and an unverified channel still beats cleartext). A
     * failed handshake falls back to a new cleartext connection for the transaction, as Postfix does with
     * {@code smtp_tls_security_level = may}.
     */
    OPPORTUNISTIC,
    /**
     * STARTTLS must be offered and succeed with a certificate that chains to a trusted root and names the MX
     * host; otherwise the attempt fails with {@link FailureKind#TLS_FAILED} and no mail is sent.
     */
    REQUIRED_VERIFIED,
    /** Never STARTTLS. */
    DISABLED
}
