package org.ledgermta.domain.shaping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ledgermta.domain.provider.ProviderName;
import org.ledgermta.domain.provider.Shaping;

/** The messages a minute allowed to a provider: its shaping, lowered while a back-off is active. */
class MinuteRateTest {

    private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
    // 10 a minute for 30 minutes, 20 for the next 30, 40 for the last 30; over at 11:30.
    private static final BackOff BACK_OFF =
            new BackOff(new ProviderName("microsoft"), START, 10, Duration.ofMinutes(30), 3);

    @ParameterizedTest(name = "shaping {0}/min, back-off {1}, at {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            300 | none | 10:15:00 | 300
            0   | none | 10:15:00 | 2147483647
            300 | yes  | 09:59:59 | 300
            300 | yes  | 10:00:00 | 10
            300 | yes  | 10:45:00 | 20
            300 | yes  | 11:29:59 | 40
            300 | yes  | 11:30:00 | 300
            0   | yes  | 10:00:00 | 10
            0   | yes  | 11:15:00 | 40
            0   | yes  | 11:30:00 | 2147483647
            15  | yes  | 10:00:00 | 10
            15  | yes  | 10:30:00 | 15
            15  | yes  | 11:00:00 | 15
            """)
    void effectiveLimitIsTheLowerOfShapingAndActiveBackOff(int perMinute, String backOff, String time, int limit) {
        Shaping shaping = new Shaping(5, 50, perMinute);
        Instant now = Instant.parse("2026-03-02T" + time + "Z");

        assertThat(MinuteRate.effectiveLimit(shaping, backOff.equals("yes") ? Optional.of(BACK_OFF) : Optional.empty(),
                now)).isEqualTo(limit);
    }

    @ParameterizedTest(name = "{0}: from {1} until {2}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-03-02T10:00:00Z     | 2026-03-02T10:00:00Z | 2026-03-02T10:01:00Z
            2026-03-02T10:00:59.999Z | 2026-03-02T10:00:00Z | 2026-03-02T10:01:00Z
            2026-03-02T23:59:30Z     | 2026-03-02T23:59:00Z | 2026-03-03T00:00:00Z
            """)
    void minutesAreCountedInUtcAlignedWindows(Instant now, Instant start, Instant next) {
        assertThat(MinuteRate.windowStart(now)).isEqualTo(start);
        assertThat(MinuteRate.nextWindow(now)).isEqualTo(next);
    }
}
