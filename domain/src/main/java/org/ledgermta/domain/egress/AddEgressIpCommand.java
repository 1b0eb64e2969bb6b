package org.ledgermta.domain.egress;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Put an address into a pool; heloName is the name it greets receivers with, ideally its reverse DNS name. */
public record AddEgressIpCommand(
        @TargetAggregateIdentifier EgressIpAddress address, PoolName pool, String heloName, Instant addedAt) {

    public AddEgressIpCommand {
        requireNonNull(address, "address is required");
        requireNonNull(pool, "pool is required");
        requireNonNull(addedAt, "addedAt is required");
        if (heloName == null || heloName.isBlank()) {
            throw new IllegalArgumentException("Egress IP " + address
                    + " needs a HELO name: expected its reverse DNS name or the relay's host name.");
        }
    }
}
