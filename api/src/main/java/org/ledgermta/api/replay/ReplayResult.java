package org.ledgermta.api.replay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The totals of a finished replay. {@code documents} counts each rebuilt collection afterwards;
 * {@code failedEvents} are events a view's handler threw on (the replay went on without them, as the live
 * processors would have: that view is then as wrong as it was before); {@code recordedDuringReplay} counts
 * events committed while the replay ran, which the views may have missed or applied twice.
 */
public record ReplayResult(long events, Duration clearing, Duration streaming, Map<String, Long> documents,
                           long failedEvents, List<String> failures, long recordedDuringReplay) {

    public ReplayResult {
        documents = Map.copyOf(documents);
        failures = List.copyOf(failures);
    }

    public double eventsPerSecond() {
        double seconds = streaming.toNanos() / 1e9;
        return seconds <= 0 ? 0 : events / seconds;
    }

    /** Every view was rebuilt from every event, and nothing else wrote to them meanwhile. */
    public boolean clean() {
        return failedEvents == 0 && recordedDuringReplay == 0;
    }

    /** The lines that close a replay's report; the last one starts with {@code done:} only when it is clean. */
    public List<String> describe() {
        String totals = String.format(Locale.ROOT, "%d events in %.1f s (%.0f events/s; the views were cleared in "
                        + "%.1f s before); %s", events, streaming.toNanos() / 1e9, eventsPerSecond(),
                clearing.toNanos() / 1e9, documents.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(entry -> entry.getKey() + " " + entry.getValue() + " documents")
                        .collect(Collectors.joining(", ")));
        List<String> warnings = new ArrayList<>();
        if (recordedDuringReplay > 0) {
            warnings.add("warning: " + recordedDuringReplay + " events were recorded while the replay ran; the views "
                    + "may have missed them or applied them twice. Replay again while intake and delivery are quiet.");
        }
        if (failedEvents > 0) {
            warnings.add("warning: " + failedEvents + " events could not be applied to a view; first: "
                    + String.join(" | ", failures));
        }
        warnings.add((clean() ? "done: " : "finished with warnings: ") + totals);
        return warnings;
    }
}
