package org.ledgermta.api.forensics;

import java.time.Instant;

/**
 * One event of a message's history: its place in the message's stream, its kind (the event class's simple
 * name, e.g. {@code DeliveryDeferredEvent}), the instant the ledger recorded it, and the event itself.
 */
public record HistoryEntry(long sequence, String type, Instant timestamp, Object payload) {
}
