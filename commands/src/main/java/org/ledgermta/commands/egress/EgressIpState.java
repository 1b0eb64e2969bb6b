package org.ledgermta.commands.egress;

enum EgressIpState {
    /** In its pool and chosen for deliveries. */
    ACTIVE,
    /** Out of the pool after a receiver refused it, until an operator reinstates it. */
    BLACKLISTED,
    /** Out of service for good. */
    RETIRED
}
