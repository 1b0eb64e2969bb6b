package org.ledgermta.delivery.dkim;

import org.ledgermta.domain.DomainName;
import org.ledgermta.domain.sender.DkimSelector;

/**
 * A sealed DKIM private key that {@link KeyVault#open} could not turn back into a key. The message is a
 * sentence for the operator; it never contains key material.
 */
public final class SealedKeyException extends RuntimeException {

    /** Why the sealed text did not open. */
    public enum Reason {
        /** Not the vault's {@code v1:<nonce>:<ciphertext>} text at all: truncated, re-encoded, or another format. */
        MALFORMED,
        /**
         * AES-GCM refused it: sealed under another master key, for another domain or selector, or altered.
         * GCM cannot tell these apart, by design.
         */
        NOT_AUTHENTIC,
        /** It decrypted, but holds no private key of the algorithm it was opened for. */
        WRONG_ALGORITHM
    }

    private final Reason reason;
    private final DomainName domain;
    private final DkimSelector selector;

    SealedKeyException(Reason reason, DomainName domain, DkimSelector selector, String sentence, Throwable cause) {
        super(sentence, cause);
        this.reason = reason;
        this.domain = domain;
        this.selector = selector;
    }

    public Reason reason() {
        return reason;
    }

    public DomainName domain() {
        return domain;
    }

    public DkimSelector selector() {
        return selector;
    }
}
