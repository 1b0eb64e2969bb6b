package org.ledgermta.domain.message;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An operator stops delivery of a queued message until it is released or deleted; by names the operator,
 * reason says why, for whoever releases it.
 */
public record HoldMessageCommand(
        @TargetAggregateIdentifier MessageId messageId, String by, String reason, Instant at) {

    public HoldMessageCommand {
        requireNonNull(messageId, "messageId is required");
        requireNonNull(at, "at is required");
        if (by == null || by.isBlank()) {
            throw new IllegalArgumentException("To hold message " + messageId
                    + ", say who does it: expected the operator's name.");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("To hold message " + messageId
                    + ", say why: expected a reason such as 'compromised account, ticket 4711'.");
        }
    }
}
