package org.ledgermta.domain.limit;

import java.util.OptionalLong;

/**
 * How many recipients an account may send to per minute, hour and day; a window without a limit is
 * unlimited. Counted per recipient, as providers count them.
 */
public record VolumeLimits(Long perMinute, Long perHour, Long perDay) {

    public static final VolumeLimits UNLIMITED = new VolumeLimits(null, null, null);

    public VolumeLimits {
        requirePositive("perMinute", perMinute);
        requirePositive("perHour", perHour);
        requirePositive("perDay", perDay);
    }

    public OptionalLong limitFor(LimitWindow window) {
        Long limit = switch (window) {
            case MINUTE -> perMinute;
            case HOUR -> perHour;
            case DAY -> perDay;
        };
        return limit == null ? OptionalLong.empty() : OptionalLong.of(limit);
    }

    private static void requirePositive(String name, Long value) {
        if (value != null && value < 1) {
            throw new IllegalArgumentException("volume limit " + name + " must be at least 1 recipient (or unset for"
                    + " no limit), was " + value);
        }
    }
}
