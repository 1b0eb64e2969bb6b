package org.ledgermta.domain.egress;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An operator's decision; by names the operator, note says why and may be empty. */
public record ReinstateEgressIpCommand(
        @TargetAggregateIdentifier EgressIpAddress address, String by, String note, Instant at) {

    public ReinstateEgressIpCommand {
        requireNonNull(address, "address is required");
        requireNonNull(at, "at is required");
        if (by == null || by.isBlank()) {
            throw new IllegalArgumentException("To reinstate egress IP " + address
                    + ", say who does it: expected the operator's name.");
        }
        note = note == null ? "" : note;
    }
}
