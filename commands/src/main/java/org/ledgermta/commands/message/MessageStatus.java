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
    EXPIRED
}
