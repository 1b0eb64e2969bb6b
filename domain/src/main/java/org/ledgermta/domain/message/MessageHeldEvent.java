package org.ledgermta.domain.message;

import java.time.Instant;

/** An operator stopped delivery of the message until it is released or deleted. */
public record MessageHeldEvent(MessageId messageId, String by, String reason, Instant heldAt) {
}
