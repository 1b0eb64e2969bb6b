package org.ledgermta.domain.message;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Note that a delivery status notification (RFC 3464), itself queued as message notificationId, reports this
 * message's failure to its sender.
 */
public record RecordBounceNotificationCommand(
        @TargetAggregateIdentifier MessageId messageId, MessageId notificationId, Instant issuedAt) {

    public RecordBounceNotificationCommand {
        requireNonNull(messageId, "messageId is required");
        requireNonNull(notificationId, "notificationId is required");
        requireNonNull(issuedAt, "issuedAt is required");
        if (notificationId.equals(messageId)) {
            throw new IllegalArgumentException("Bounce notification for message " + messageId
                    + " has the message's own id: expected the id of the notification's own queue entry.");
        }
    }
}
