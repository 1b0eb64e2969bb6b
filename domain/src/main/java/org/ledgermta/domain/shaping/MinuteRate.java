package org.ledgermta.domain.shaping;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.ledgermta.domain.limit.LimitWindow;
import org.ledgermta.domain.provider.Shaping;

/**
 * How many messages a minute may go to a provider, counted in the same UTC-aligned minute windows as the
 * accounts' volume limits, so every node counts in the same window.
 */
public final class MinuteRate {

    private MinuteRate() {
    }

    public static Instant windowStart(Instant now) {
        return LimitWindow.MINUTE.start(now);
    }

    public static Instant nextWindow(Instant now) {
        return LimitWindow.MINUTE.resetAt(now);
    }

    /**
     * The messages allowed in the minute of that instant: the shaping's limit (Integer.MAX_VALUE when it has none),
     * lowered to the back-off's rate while the back-off is active.
     */
    public static int effectiveLimit(Shaping shaping, Optional<BackOff> backOff, Instant now) {
        Objects.requireNonNull(shaping, "shaping is required");
        Objects.requireNonNull(backOff, "back-off is required, or Optional.empty() for none");
        Objects.requireNonNull(now, "now is required");
        int limit = shaping.limitsRate() ? shaping.messagesPerMinute() : Integer.MAX_VALUE;
        return backOff.map(active -> Math.min(limit, active.ratePerMinuteAt(now))).orElse(limit);
    }
}
