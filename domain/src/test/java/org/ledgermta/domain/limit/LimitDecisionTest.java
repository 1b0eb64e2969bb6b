package org.ledgermta.domain.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LimitDecisionTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:17:42.250Z");

    // limits: minute/hour/day, "-" = no limit; used: minute/hour/day so far; expected: "within" or
    // "<window> <used>+<requested> over <limit>, resets <instant>"
    @ParameterizedTest(name = "[{index}] limits {0}, used {1}, +{2} at {3}: {4}")
    @CsvSource(delimiter = '|', textBlock = """
            # unlimited counts nothing against anyone
            -/-/-          | 0/0/0                         | 1   | 2026-11-28T10:17:42.250Z | within
            -/-/-          | 9999999/9999999/9999999       | 500 | 2026-11-28T10:17:42.250Z | within
            # a window without a limit ignores its count, however large
            -/1000/-       | 9999999/10/9999999            | 1   | 2026-11-28T10:17:42.250Z | within
            # exactly at the limit after this message is still within; one over is not
            10/-/-         | 9/0/0                         | 1   | 2026-11-28T10:17:42.250Z | within
            10/-/-         | 0/0/0                         | 10  | 2026-11-28T10:17:42.250Z | within
            10/-/-         | 7/0/0                         | 3   | 2026-11-28T10:17:42.250Z | within
            10/-/-         | 10/0/0                        | 1   | 2026-11-28T10:17:42.250Z | MINUTE 10+1 over 10, resets 2026-11-28T10:18:00Z
            10/-/-         | 8/0/0                         | 3   | 2026-11-28T10:17:42.250Z | MINUTE 8+3 over 10, resets 2026-11-28T10:18:00Z
            10/-/-         | 0/0/0                         | 11  | 2026-11-28T10:17:42.250Z | MINUTE 0+11 over 10, resets 2026-11-28T10:18:00Z
            -/1000/-       | 0/999/0                       | 1   | 2026-11-28T10:17:42.250Z | within
            -/1000/-       | 0/1000/0                      | 1   | 2026-11-28T10:17:42.250Z | HOUR 1000+1 over 1000, resets 2026-11-28T11:00:00Z
            -/-/20000      | 0/0/19999                     | 1   | 2026-11-28T10:17:42.250Z | within
            -/-/20000      | 0/0/20000                     | 1   | 2026-11-28T10:17:42.250Z | DAY 20000+1 over 20000, resets 2026-11-29T00:00:00Z
            # a count already above its limit (the limit was lowered mid-window) refuses too
            10/-/-         | 25/0/0                        | 1   | 2026-11-28T10:17:42.250Z | MINUTE 25+1 over 10, resets 2026-11-28T10:18:00Z
            # only the short window is full: the minute is reported
            10/1000/20000  | 10/500/5000                   | 1   | 2026-11-28T10:17:42.250Z | MINUTE 10+1 over 10, resets 2026-11-28T10:18:00Z
            # several windows exceeded: the longest is reported, it is the real wait
            10/1000/20000  | 10/1000/5000                  | 1   | 2026-11-28T10:17:42.250Z | HOUR 1000+1 over 1000, resets 2026-11-28T11:00:00Z
            10/1000/20000  | 10/1000/20000                 | 1   | 2026-11-28T10:17:42.250Z | DAY 20000+1 over 20000, resets 2026-11-29T00:00:00Z
            10/1000/20000  | 10/10/20000                   | 1   | 2026-11-28T10:17:42.250Z | DAY 20000+1 over 20000, resets 2026-11-29T00:00:00Z
            10/1000/20000  | 5/998/19998                   | 6   | 2026-11-28T10:17:42.250Z | DAY 19998+6 over 20000, resets 2026-11-29T00:00:00Z
            # window boundaries: the last millisecond of a window resets at its end, the first one at the next end
            10/-/-         | 10/0/0                        | 1   | 2026-11-28T10:59:59.999Z | MINUTE 10+1 over 10, resets 2026-11-28T11:00:00Z
            10/-/-         | 10/0/0                        | 1   | 2026-11-28T11:00:00Z     | MINUTE 10+1 over 10, resets 2026-11-28T11:01:00Z
            10/1000/-      | 10/1000/0                     | 1   | 2026-11-28T10:59:59.999Z | HOUR 1000+1 over 1000, resets 2026-11-28T11:00:00Z
            10/1000/-      | 10/1000/0                     | 1   | 2026-11-28T11:00:00Z     | HOUR 1000+1 over 1000, resets 2026-11-28T12:00:00Z
            -/-/20000      | 0/0/20000                     | 1   | 2026-11-28T23:59:59.999Z | DAY 20000+1 over 20000, resets 2026-11-29T00:00:00Z
            -/-/20000      | 0/0/20000                     | 1   | 2026-11-29T00:00:00Z     | DAY 20000+1 over 20000, resets 2026-11-30T00:00:00Z
            # the largest limits cannot overflow the sum
            -/-/9223372036854775807 | 0/0/9223372036854775806 | 1 | 2026-11-28T10:17:42.250Z | within
            -/-/9223372036854775807 | 0/0/9223372036854775806 | 2 | 2026-11-28T10:17:42.250Z | DAY 9223372036854775806+2 over 9223372036854775807, resets 2026-11-29T00:00:00Z
            """)
    void decisionTable(String limits, String used, long requested, Instant now, String expected) {
        assertThat(render(LimitDecision.decide(limits(limits), used(used), requested, now))).isEqualTo(expected);
    }

    @Test
    void windowsMissingFromTheCountsHaveCountedNothing() {
        VolumeLimits limits = new VolumeLimits(10L, 1000L, 20000L);

        assertThat(LimitDecision.decide(limits, Map.of(), 10, NOW)).isEqualTo(new LimitDecision.Within());
        assertThat(LimitDecision.decide(limits, Map.of(), 11, NOW))
                .isEqualTo(new LimitDecision.Exceeded(LimitWindow.MINUTE, 10, 0, 11,
                        Instant.parse("2026-11-28T10:18:00Z")));
    }

    @Test
    void aFullWindowIsReportedAsReached() {
        var exceeded = new LimitDecision.Exceeded(LimitWindow.HOUR, 1000, 1000, 1,
                Instant.parse("2026-11-28T11:00:00Z"));

        assertThat(exceeded.sentence("hosting-7")).isEqualTo("Account hosting-7 has reached its limit of 1000"
                + " recipients per hour (1000 used); it resets at 2026-11-28T11:00:00Z.");
    }

    @Test
    void aMessageTooLargeForTheRoomLeftSaysHowManyItBrings() {
        var exceeded = new LimitDecision.Exceeded(LimitWindow.DAY, 20000, 19998, 5,
                Instant.parse("2026-11-29T00:00:00Z"));

        assertThat(exceeded.sentence("shop-12")).isEqualTo("Account shop-12 would exceed its limit of 20000"
                + " recipients per day with these 5 recipients (19998 used); it resets at 2026-11-29T00:00:00Z.");
    }

    @Test
    void aSingleRecipientIsNotPlural() {
        var full = new LimitDecision.Exceeded(LimitWindow.MINUTE, 1, 1, 1, Instant.parse("2026-11-28T10:18:00Z"));
        var tooMany = new LimitDecision.Exceeded(LimitWindow.MINUTE, 3, 2, 2, Instant.parse("2026-11-28T10:18:00Z"));

        assertThat(full.sentence("a")).isEqualTo(
                "Account a has reached its limit of 1 recipient per minute (1 used); it resets at 2026-11-28T10:18:00Z.");
        assertThat(tooMany.sentence("a")).isEqualTo("Account a would exceed its limit of 3 recipients per minute"
                + " with these 2 recipients (2 used); it resets at 2026-11-28T10:18:00Z.");
        assertThat(new LimitDecision.Exceeded(LimitWindow.MINUTE, 3, 2, 1, Instant.parse("2026-11-28T10:18:00Z"))
                .sentence("a")).contains("with this recipient (2 used)");
    }

    @Test
    void aCheckWithoutRecipientsOrWithNegativeCountsIsABug() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LimitDecision.decide(VolumeLimits.UNLIMITED, Map.of(), 0, NOW))
                .withMessageContaining("at least 1 recipient");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LimitDecision.decide(VolumeLimits.UNLIMITED, Map.of(LimitWindow.HOUR, -1L), 1, NOW))
                .withMessageContaining("HOUR");
        assertThatIllegalArgumentException().isThrownBy(() -> new LimitDecision.Exceeded(LimitWindow.HOUR, 0, 0, 1, NOW));
    }

    private static VolumeLimits limits(String text) {
        String[] parts = text.split("/");
        return new VolumeLimits(limit(parts[0]), limit(parts[1]), limit(parts[2]));
    }

    private static Long limit(String text) {
        return text.equals("-") ? null : Long.valueOf(text);
    }

    private static Map<LimitWindow, Long> used(String text) {
        String[] parts = text.split("/");
        Map<LimitWindow, Long> used = new EnumMap<>(LimitWindow.class);
        for (LimitWindow window : LimitWindow.values()) {
            used.put(window, Long.valueOf(parts[window.ordinal()]));
        }
        return used;
    }

    private static String render(LimitDecision decision) {
        return switch (decision) {
            case LimitDecision.Within within -> "within";
            case LimitDecision.Exceeded e -> e.window() + " " + e.used() + "+" + e.requested() + " over " + e.limit()
                    + ", resets " + e.resetAt();
        };
    }
}
