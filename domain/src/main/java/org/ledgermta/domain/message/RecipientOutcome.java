package org.ledgermta.domain.message;

public enum RecipientOutcome {
    DELIVERED,
    /** A transient failure: the recipient stays queued for a retry. */
    DEFERRED,
    /** A permanent failure of this recipient. */
    BOUNCED,
    /**
     * The receiver refused because of the sending IP's reputation or a block-list entry. For the message this
     * is a deferral, retried from another IP; for the IP it is a reason to leave the pool.
     */
    EGRESS_BLOCKED
}
