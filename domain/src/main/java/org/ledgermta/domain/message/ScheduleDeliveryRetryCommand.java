package org.ledgermta.domain.message;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ledgermta.domain.egress.EgressIpAddress;

public record ScheduleDeliveryRetryCommand(
        @TargetAggregateIdentifier MessageId messageId,
        Instant dueAt,
        Set<EgressIpAddress> excludedIps,
        Instant scheduledAt) {

    public ScheduleDeliveryRetryCommand {
        requireNonNull(messageId, "messageId is required");
        requireNonNull(dueAt, "dueAt is required");
        requireNonNull(excludedIps, "excludedIps are required; use an empty set to exclude none");
        requireNonNull(scheduledAt, "scheduledAt is required");
        excludedIps = Set.copyOf(excludedIps);
    }
}
