package org.ledgermta.delivery.dkim;

/**
 * A message the signer cannot sign as it stands. The message is a sentence the submitting client can act on;
 * the intake turns it into a permanent refusal (or delivers unsigned, as the account's policy says).
 */
public final class UnsignableMessageException extends RuntimeException {

    /** What is wrong with the message. */
    public enum Reason {
        /** No From header field: RFC 6376 §5.4 requires signing it, and DMARC aligns d= with it. */
        NO_FROM_FIELD,
        /** A header line that is neither a field ("Name: value") nor a continuation of one (RFC 5322 §2.2). */
        MALFORMED_HEADER
    }

    private final Reason reason;

    UnsignableMessageException(Reason reason, String sentence) {
        super(sentence);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
