package org.ledgermta.domain.message;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ExpireMessageCommand(@TargetAggregateIdentifier MessageId messageId, Instant at) {

    public ExpireMessageCommand {
        requireNonNull(messageId, "messageId is required");
        requireNonNull(at, "at is required");
    }
}
