package org.ledgermta.domain.egress;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Put an address into a pool; heloName is the name it greets receivers with, ideally its reverse DNS name.
 * warmUpPlan is the plan's text ("none" for a seasoned IP), counted in days from warmUpStartedOn.
 */
public record AddEgressIpCommand(
        @TargetAggregateIdentifier EgressIpAddress address, PoolName pool, String heloName, Instant addedAt,
        String warmUpPlan, LocalDate warmUpStartedOn) {

    public AddEgressIpCommand {
        requireNonNull(address, "address is required");
        requireNonNull(pool, "pool is required");
        requireNonNull(addedAt, "addedAt is required");
        if (heloName == null || heloName.isBlank()) {
            throw new IllegalArgumentException("Egress IP " + address
                    + " needs a HELO name: expected its reverse DNS name or the relay's host name.");
        }
        requireNonNull(warmUpPlan, "warmUpPlan is required; \"none\" for a seasoned IP");
        requireNonNull(warmUpStartedOn, "warmUpStartedOn is required");
    }

    /** A seasoned IP: no warm-up caps. */
    public AddEgressIpCommand(EgressIpAddress address, PoolName pool, String heloName, Instant addedAt) {
        this(address, pool, heloName, addedAt, "none", LocalDate.ofInstant(addedAt, java.time.ZoneOffset.UTC));
    }
}
