package org.ledgermta.projections.history;

import java.time.Instant;
import java.util.Objects;

/**
 * One event of an aggregate's stream as the ledger holds it: the payload, the instant the event store recorded
 * the fact (not a time inside the payload) and its sequence number in that aggregate's stream.
 */
public record TimedEvent(Object payload, Instant timestamp, long sequence) {

    public TimedEvent {
        Objects.requireNonNull(payload, "payload is required");
        Objects.requireNonNull(timestamp, "timestamp is required");
    }
}
