package org.ledgermta.domain.message;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An operator lets a held message go back to delivery; by names the operator. */
public record ReleaseMessageCommand(@TargetAggregateIdentifier MessageId messageId, String by, Instant at) {

    public ReleaseMessageCommand {
        requireNonNull(messageId, "messageId is required");
        requireNonNull(at, "at is required");
        if (by == null || by.isBlank()) {
            throw new IllegalArgumentException("To release message " + messageId
                    + ", say who does it: expected the operator's name.");
        }
    }
}
