package org.ledgermta.domain.egress;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * An address joined a pool. warmUpPlan is the plan's text ("none": seasoned, no caps), its age counted from
 * warmUpStartedOn; both are null in events recorded before warm-up plans existed, which read as "none".
 */
public record EgressIpAddedEvent(EgressIpAddress address, PoolName pool, String heloName, Instant addedAt,
                                 String warmUpPlan, LocalDate warmUpStartedOn) {

    public EgressIpAddedEvent(EgressIpAddress address, PoolName pool, String heloName, Instant addedAt) {
        this(address, pool, heloName, addedAt, "none", LocalDate.ofInstant(addedAt, ZoneOffset.UTC));
    }

    public String warmUpPlanOrNone() {
        return warmUpPlan == null ? "none" : warmUpPlan;
    }

    public LocalDate warmUpStartedOnOrAdded() {
        return warmUpStartedOn == null ? LocalDate.ofInstant(addedAt, ZoneOffset.UTC) : warmUpStartedOn;
    }
}
