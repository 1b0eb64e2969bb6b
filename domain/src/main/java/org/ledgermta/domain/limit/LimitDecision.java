package org.ledgermta.domain.limit;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Whether an account may send to more recipients now, given what it has sent in each window so far. */
public sealed interface LimitDecision {

    /** Every window with a limit has room for the requested recipients. */
    record Within() implements LimitDecision {
    }

    /**
     * At least one window would go over its limit; this is the longest such window, because that is the real
     * wait: a refused hour outlasts a refused minute.
     */
    record Exceeded(LimitWindow window, long limit, long used, long requested, Instant resetAt)
            implements LimitDecision {

        public Exceeded {
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(resetAt, "resetAt");
            if (limit < 1 || used < 0 || requested < 1) {
                throw new IllegalArgumentException("an exceeded limit needs limit >= 1, used >= 0 and requested >= 1,"
                        + " was limit " + limit + ", used " + used + ", requested " + requested);
            }
        }

        /** What the SMTP client is told after {@code 451 4.7.1}: which limit, how full, and when it resets. */
        public String sentence(String account) {
            String per = recipients(limit) + " per " + window.name().toLowerCase(Locale.ROOT);
            String what = used >= limit
                    ? "has reached its limit of " + per + " (" + used + " used)"
                    // room is left, but not enough for this message: say so, the sender may split it
                    : "would exceed its limit of " + per + " with " + (requested == 1 ? "this recipient" : "these "
                            + recipients(requested)) + " (" + used + " used)";
            return "Account " + account + " " + what + "; it resets at " + resetAt + ".";
        }

        private static String recipients(long count) {
            return count == 1 ? "1 recipient" : count + " recipients";
        }
    }

    /**
     * Refuses when any window with a limit would go over it once {@code requested} more recipients are counted;
     * a window missing from {@code usedSoFar} has counted none. Windows are aligned to UTC and nested (a day is
     * whole hours, an hour whole minutes), so the longest exceeded window is also the one that resets last.
     */
    static LimitDecision decide(VolumeLimits limits, Map<LimitWindow, Long> usedSoFar, long requested, Instant now) {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(usedSoFar, "usedSoFar");
        Objects.requireNonNull(now, "now");
        if (requested < 1) {
            throw new IllegalArgumentException("a volume check needs at least 1 recipient, was " + requested);
        }
        Exceeded longest = null;
        for (LimitWindow window : LimitWindow.values()) {
            long used = usedSoFar.getOrDefault(window, 0L);
            if (used < 0) {
                throw new IllegalArgumentException("recipients used in the " + window + " window cannot be negative,"
                        + " was " + used);
            }
            if (limits.limitFor(window).isEmpty()) {
                continue;
            }
            long limit = limits.limitFor(window).getAsLong();
            // used + requested > limit, written so that it cannot overflow
            boolean over = used > limit - requested;
            if (over && (longest == null || window.length().compareTo(longest.window().length()) > 0)) {
                longest = new Exceeded(window, limit, used, requested, window.resetAt(now));
            }
        }
        return longest == null ? new Within() : longest;
    }
}
