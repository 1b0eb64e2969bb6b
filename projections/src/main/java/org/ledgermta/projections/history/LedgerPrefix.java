package org.ledgermta.projections.history;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** The part of one aggregate's stream that had been recorded at a given instant. */
final class LedgerPrefix {

    private LedgerPrefix() {
    }

    /*
     * In sequence order, up to the first event recorded after the instant. Stopping there rather than skipping
     * that one event matters only when a node's clock stepped back between two events of one aggregate: the
     * later event cannot have been seen before the earlier one, so neither is the state it leads to.
     */
    static List<TimedEvent> upTo(List<TimedEvent> stream, Instant at) {
        Objects.requireNonNull(at, "the instant to look back to is required");
        if (stream == null) {
            return List.of();
        }
        return stream.stream()
                .sorted(Comparator.comparingLong(TimedEvent::sequence))
                .takeWhile(event -> !event.timestamp().isAfter(at))
                .toList();
    }
}
