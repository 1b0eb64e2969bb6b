package org.ledgermta.domain.message;

import java.time.Instant;

/** An operator let a held message go back to delivery, queued or deferred as it was before the hold. */
public record MessageReleasedEvent(MessageId messageId, String by, Instant releasedAt) {
}
