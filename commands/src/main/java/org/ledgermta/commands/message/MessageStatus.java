package org.ledgermta.commands.message;

enum MessageStatus {
    /** Some recipients await their first attempt; none is deferred. */
    QUEUED,
    /** At least one pending recipient was deferred and awaits a retry. */
    DEFERRED,
    /** Every recipient delivered. */
    DELIVERED,
    /** Every recipient is final, and at least one bounced. */
    BOUNCED,
    EXPIRED,
    /**
     * An operator stopped delivery: no attempt or retry until release, which restores QUEUED or DEFERRED.
     * A held message still expires at its maximum queue age.
     */
    HELD,
    /** An operator removed the message; its pending recipients are never delivered. */
    DELETED
}
