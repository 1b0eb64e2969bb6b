package org.ledgermta.domain.limit;

import java.time.Duration;
import java.time.Instant;

/** The fixed windows volume limits are counted in, aligned to UTC so every node agrees on them. */
public enum LimitWindow {
    MINUTE(Duration.ofMinutes(1)),
    HOUR(Duration.ofHours(1)),
    DAY(Duration.ofDays(1));

    private final Duration length;

    LimitWindow(Duration length) {
        this.length = length;
    }

    public Duration length() {
        return length;
    }

    public Instant start(Instant now) {
        long size = length.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), size) * size);
    }

    public Instant resetAt(Instant now) {
        return start(now).plus(length);
    }
}
