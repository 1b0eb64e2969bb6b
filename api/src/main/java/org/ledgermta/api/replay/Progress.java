package org.ledgermta.api.replay;

import java.time.Duration;
import java.util.Locale;

/**
 * How far a replay is: events handed to the views so far, the events the ledger held when it began
 * (an estimate on real MongoDB: its collection statistics), and the time spent streaming them.
 */
public record Progress(long eventsDone, long eventsTotal, Duration elapsed) {

    public double eventsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : eventsDone / seconds;
    }

    /** One line for a person watching: {@code replayed 5000 of 100002 events (5%) in 1.0 s, 4998 events/s}. */
    public String describe() {
        long percent = eventsTotal <= 0 ? 100 : Math.min(100, eventsDone * 100 / eventsTotal);
        return String.format(Locale.ROOT, "replayed %d of %d events (%d%%) in %.1f s, %.0f events/s",
                eventsDone, eventsTotal, percent, elapsed.toNanos() / 1e9, eventsPerSecond());
    }
}
