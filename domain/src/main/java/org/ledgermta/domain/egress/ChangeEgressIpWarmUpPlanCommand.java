package org.ledgermta.domain.egress;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Give an IP another warm-up plan (its text; "none" ends the warm-up), counted from startedOn. */
public record ChangeEgressIpWarmUpPlanCommand(
        @TargetAggregateIdentifier EgressIpAddress address, String warmUpPlan, LocalDate startedOn, String by,
        String note, Instant at) {

    public ChangeEgressIpWarmUpPlanCommand {
        requireNonNull(address, "address is required");
        requireNonNull(warmUpPlan, "warmUpPlan is required; \"none\" for no caps");
        requireNonNull(startedOn, "startedOn is required");
        requireNonNull(at, "at is required");
        if (by == null || by.isBlank()) {
            throw new IllegalArgumentException("Changing the warm-up plan of " + address
                    + " needs who changed it (an operator's name, or \"configuration\").");
        }
        note = note == null ? "" : note;
    }
}
