package org.ledgermta.delivery.limit;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.ledgermta.domain.limit.LimitDecision;
import org.ledgermta.domain.limit.LimitWindow;

/** What came of counting a message's recipients against its account's volume limits. */
public sealed interface VolumeCheck {

    /** The recipients were counted in every window; the counts include them. */
    record Counted(Map<LimitWindow, Long> usedAfter) implements VolumeCheck {

        public Counted {
            Map<LimitWindow, Long> copy = new EnumMap<>(LimitWindow.class);
            copy.putAll(Objects.requireNonNull(usedAfter, "usedAfter"));
            usedAfter = Collections.unmodifiableMap(copy);
        }
    }

    /** Refused, and nothing was counted: the intake answers {@code 451 4.7.1} with {@code exceeded.sentence(..)}. */
    record OverLimit(LimitDecision.Exceeded exceeded) implements VolumeCheck {

        public OverLimit {
            Objects.requireNonNull(exceeded, "exceeded");
        }
    }

    /**
     * Redis could not be asked (down, timed out, refused the script): the intake answers {@code 451 4.3.0}, since
     * whether anything was counted is unknown.
     */
    record CounterUnavailable(String reason) implements VolumeCheck {

        public CounterUnavailable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
