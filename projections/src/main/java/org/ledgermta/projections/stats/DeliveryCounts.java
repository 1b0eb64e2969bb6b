package org.ledgermta.projections.stats;

/**
 * What one egress IP (or one IP towards one receiving provider) did in a window. attempts counts SMTP
 * transactions; the others count recipients by their outcome, blocked being EGRESS_BLOCKED (the receiver
 * refused the IP itself).
 */
public record DeliveryCounts(long attempts, long delivered, long deferred, long bounced, long blocked) {

    public static final DeliveryCounts NONE = new DeliveryCounts(0, 0, 0, 0, 0);
}
