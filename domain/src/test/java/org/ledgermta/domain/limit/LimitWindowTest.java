package org.ledgermta.domain.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LimitWindowTest {

    @ParameterizedTest(name = "{0} at {1}: from {2} until {3}")
    @CsvSource(delimiter = '|', textBlock = """
            MINUTE | 2026-11-28T10:59:59.999Z | 2026-11-28T10:59:00Z | 2026-11-28T11:00:00Z
            MINUTE | 2026-11-28T11:00:00Z     | 2026-11-28T11:00:00Z | 2026-11-28T11:01:00Z
            HOUR   | 2026-11-28T10:59:59.999Z | 2026-11-28T10:00:00Z | 2026-11-28T11:00:00Z
            HOUR   | 2026-11-28T11:00:00Z     | 2026-11-28T11:00:00Z | 2026-11-28T12:00:00Z
            DAY    | 2026-11-28T23:59:59.999Z | 2026-11-28T00:00:00Z | 2026-11-29T00:00:00Z
            DAY    | 2026-11-29T00:00:00Z     | 2026-11-29T00:00:00Z | 2026-11-30T00:00:00Z
            MINUTE | 1969-12-31T23:59:59.500Z | 1969-12-31T23:59:00Z | 1970-01-01T00:00:00Z
            """)
    void windowsAreAlignedToUtc(LimitWindow window, Instant now, Instant start, Instant resetAt) {
        assertThat(window.start(now)).isEqualTo(start);
        assertThat(window.resetAt(now)).isEqualTo(resetAt);
    }

    // LimitDecision reports the longest exceeded window as the one that resets last; that holds because the
    // windows are nested.
    @Test
    void aLongerWindowNeverResetsBeforeAShorterOne() {
        Instant now = Instant.parse("2026-11-28T00:00:00Z");
        for (int step = 0; step < 2 * 24 * 60 + 1; step++, now = now.plus(Duration.ofSeconds(59)).plusMillis(999)) {
            assertThat(LimitWindow.HOUR.resetAt(now)).isAfterOrEqualTo(LimitWindow.MINUTE.resetAt(now));
            assertThat(LimitWindow.DAY.resetAt(now)).isAfterOrEqualTo(LimitWindow.HOUR.resetAt(now));
        }
    }

    @Test
    void limitsAreLookedUpPerWindow() {
        VolumeLimits limits = new VolumeLimits(10L, null, 20000L);

        assertThat(limits.limitFor(LimitWindow.MINUTE)).isEqualTo(OptionalLong.of(10));
        assertThat(limits.limitFor(LimitWindow.HOUR)).isEmpty();
        assertThat(limits.limitFor(LimitWindow.DAY)).isEqualTo(OptionalLong.of(20000));
        for (LimitWindow window : LimitWindow.values()) {
            assertThat(VolumeLimits.UNLIMITED.limitFor(window)).isEmpty();
        }
    }
}
