package org.ledgermta.delivery.dsn;

/** Why the notification is sent; it chooses the subject and the opening explanation. */
public enum DsnKind {
    /** At least one recipient failed permanently (a bounce). */
    FAILED,
    /** The message reached its maximum queue age with recipients still undelivered. */
    EXPIRED
}
