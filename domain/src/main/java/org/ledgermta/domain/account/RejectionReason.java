package org.ledgermta.domain.account;

/** Why the intake turned a message away. */
public enum RejectionReason {
    /** The client neither came from an account's network nor authenticated (RFC 5321 §3.6.2). */
    RELAY_DENIED,
    /** The account's volume limit for the current window would be exceeded. */
    OVER_LIMIT,
    /** The content scanner rated the message as spam. */
    SPAM,
    /** The virus scanner found malware. */
    VIRUS,
    /** A content scanner could not be asked; the message was deferred rather than passed unchecked. */
    SCANNER_UNAVAILABLE,
    /** The ledger or body store could not make the message durable. */
    STORE_UNAVAILABLE,
    /** Any other local policy: message size, sender or recipient syntax, too many recipients. */
    POLICY
}
