package org.ledgermta.domain.retry;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations as Spring Boot's configuration does ("30s", "5m", "4h", "2d", or ISO-8601 "PT4H"), so that
 * mta.retry.* and the back-off steps in providers.txt mean the same as every other duration key. Unlike Spring,
 * a bare number is refused: Spring would read "300" as milliseconds, which is never what an interval means.
 */
public final class DurationText {

    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})(s|m|h|d)");

    private DurationText() {
    }

    public static Duration parse(String text, String what) {
        String value = text == null ? "" : text.strip();
        Matcher simple = SIMPLE.matcher(value.toLowerCase(Locale.ROOT));
        Duration duration;
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            duration = switch (simple.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } else if (value.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                duration = Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw invalid(value, what);
            }
        } else {
            throw invalid(value, what);
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(what + " '" + value + "' must be longer than zero.");
        }
        return duration;
    }

    private static IllegalArgumentException invalid(String value, String what) {
        return new IllegalArgumentException(what + " '" + value + "' is not a duration: expected a whole number "
                + "with a unit s, m, h or d (such as 30s, 5m, 4h, 5d), or ISO-8601 such as PT4H.");
    }
}
