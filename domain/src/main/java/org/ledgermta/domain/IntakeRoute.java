package org.ledgermta.domain;

public enum IntakeRoute {
    SMTP,
    HTTP,
    /** A delivery status notification (RFC 3464) that this relay generated itself. */
    BOUNCE
}
