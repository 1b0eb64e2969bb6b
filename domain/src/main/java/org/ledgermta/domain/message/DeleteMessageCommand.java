package org.ledgermta.domain.message;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An operator removes a message from the queue for good: its undelivered recipients are never tried again
 * and the sender gets no notification. by names the operator, reason says why; both are kept because the
 * deletion cannot be undone.
 */
public record DeleteMessageCommand(
        @TargetAggregateIdentifier MessageId messageId, String by, String reason, Instant at) {

    public DeleteMessageCommand {
        requireNonNull(messageId, "messageId is required");
        requireNonNull(at, "at is required");
        if (by == null || by.isBlank()) {
            throw new IllegalArgumentException("To delete message " + messageId
                    + ", say who does it: expected the operator's name.");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("To delete message " + messageId
                    + ", say why: expected a reason such as 'spam from a compromised account, ticket 4711'.");
        }
    }
}
