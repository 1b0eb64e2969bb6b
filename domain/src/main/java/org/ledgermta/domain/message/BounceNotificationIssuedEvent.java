package org.ledgermta.domain.message;

import java.time.Instant;

/** A delivery status notification to the sender was queued as message notificationId. */
public record BounceNotificationIssuedEvent(MessageId messageId, MessageId notificationId, Instant issuedAt) {
}
