package org.ledgermta.domain.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryScheduleTest {

    private static final Instant ACCEPTED = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void standardScheduleDoublesFromFiveMinutesToFourHoursThenRepeats() {
        assertThat(dueTimesOfRetriesMadeOnTime(RetrySchedule.standard(), 12)).containsExactly(
                "2026-03-02T10:05:00Z",
                "2026-03-02T10:15:00Z",
                "2026-03-02T10:35:00Z",
                "2026-03-02T11:15:00Z",
                "2026-03-02T12:35:00Z",
                "2026-03-02T15:15:00Z",
                "2026-03-02T19:15:00Z",
                "2026-03-02T23:15:00Z",
                "2026-03-03T03:15:00Z",
                "2026-03-03T07:15:00Z",
                "2026-03-03T11:15:00Z",
                "2026-03-03T15:15:00Z");
    }

    @Test
    void standardScheduleMakesItsLastAttemptAtExpiryAfterFiveDays() {
        List<String> dueTimes = dueTimesOfRetriesMadeOnTime(RetrySchedule.standard(), 40);

        // 6 doubling retries reach 5h15m after acceptance; 28 retries 4h apart then reach 117h15m, 2h45m short of
        // expiry; the 35th retry is brought forward to the expiry instant, and the deferral after it
        // expires the message.
        assertThat(dueTimes).hasSize(36);
        assertThat(dueTimes.subList(32, 36)).containsExactly(
                "2026-03-07T03:15:00Z",
                "2026-03-07T07:15:00Z",
                "2026-03-07T10:00:00Z",
                "expire at 2026-03-07T10:00:00Z");
    }

    @Test
    void retryWaitRunsFromTheFailedAttemptNotFromAcceptance() {
        Instant lateAttempt = ACCEPTED.plus(Duration.ofHours(30)).plusSeconds(17);

        assertThat(RetrySchedule.standard().next(ACCEPTED, 3, lateAttempt))
                .isEqualTo(new RetryDecision.RetryAt(lateAttempt.plus(Duration.ofMinutes(20))));
    }

    @ParameterizedTest(name = "deferred at expiry {0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            -PT4H1S | retry at 2026-03-07T09:59:59Z
            -PT4H   | retry at 2026-03-07T10:00:00Z
            -PT1M   | retry at 2026-03-07T10:00:00Z
            -PT0.001S | retry at 2026-03-07T10:00:00Z
            PT0S    | expire at 2026-03-07T10:00:00Z
            PT1S    | expire at 2026-03-07T10:00:00Z
            P30D    | expire at 2026-03-07T10:00:00Z
            """)
    void retryNearExpiryIsBroughtForwardToExpiryAndExpiresOnceDue(Duration fromExpiry, String decision) {
        RetrySchedule schedule = RetrySchedule.standard();
        Instant now = schedule.expiresAt(ACCEPTED).plus(fromExpiry);

        assertThat(render(schedule.next(ACCEPTED, 20, now))).isEqualTo(decision);
    }

    @Test
    void expiryIsAcceptanceTimePlusMaximumAge() {
        assertThat(RetrySchedule.standard().expiresAt(ACCEPTED)).isEqualTo(Instant.parse("2026-03-07T10:00:00Z"));
        assertThat(RetrySchedule.parse("1m", "36h").expiresAt(ACCEPTED))
                .isEqualTo(Instant.parse("2026-03-03T22:00:00Z"));
    }

    @Test
    void hugeIntervalRetriesAtExpiryInsteadOfOverflowing() {
        RetrySchedule schedule = RetrySchedule.parse("999999999d", "999999999d");

        assertThat(schedule.next(ACCEPTED, 1, ACCEPTED))
                .isEqualTo(new RetryDecision.RetryAt(ACCEPTED.plus(Duration.ofDays(999_999_999))));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
            5m,10m,20m,40m,…,4h   | 5d   | PT5M PT10M PT20M PT40M PT1H20M PT2H40M PT4H                  | P5D
            5m,10m,20m,40m,...,4h | 5d   | PT5M PT10M PT20M PT40M PT1H20M PT2H40M PT4H                  | P5D
            5m,…,4h               | 5d   | PT5M PT10M PT20M PT40M PT1H20M PT2H40M PT4H                  | P5D
            5m, 10m , … , 4h      | 120h | PT5M PT10M PT20M PT40M PT1H20M PT2H40M PT4H                  | P5D
            30s,…,5m              | 2d   | PT30S PT1M PT2M PT4M PT5M                                    | P2D
            1m,…,2m               | 1h   | PT1M PT2M                                                    | PT1H
            1m,…,3m               | 1h   | PT1M PT2M PT3M                                               | PT1H
            15m,1h,6h             | 3d   | PT15M PT1H PT6H                                              | P3D
            1H                    | 1D   | PT1H                                                         | P1D
            PT30M,PT2H            | P4D  | PT30M PT2H                                                   | P4D
            """)
    void intervalsAndMaximumAgeAreParsed(String intervals, String maxAge, String expectedIntervals,
            String expectedMaxAge) {
        RetrySchedule schedule = RetrySchedule.parse(intervals, maxAge);

        assertThat(schedule.intervals()).containsExactlyElementsOf(
                Arrays.stream(expectedIntervals.split(" +")).map(Duration::parse).toList());
        assertThat(schedule.maxAge()).isEqualTo(Duration.parse(expectedMaxAge));
    }

    @Test
    void defaultConfigurationTextIsTheStandardSchedule() {
        assertThat(RetrySchedule.parse("5m,10m,20m,40m,…,4h", "5d")).isEqualTo(RetrySchedule.standard());
    }

    @ParameterizedTest(name = "''{0}'' / ''{1}''")
    @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
            §§              | 5d  | mta.retry.intervals is empty
            5m,,10m         | 5d  | has an empty item at position 2
            5m,10m,         | 5d  | has an empty item at position 3
            5x              | 5d  | Retry interval '5x' is not a duration
            300             | 5d  | Retry interval '300' is not a duration: expected a whole number with a unit
            -5m             | 5d  | Retry interval '-5m' is not a duration
            0m              | 5d  | Retry interval '0m' must be longer than zero
            PT0S            | 5d  | Retry interval 'PT0S' must be longer than zero
            PT-5M           | 5d  | Retry interval 'PT-5M' must be longer than zero
            P5X             | 5d  | Retry interval 'P5X' is not a duration
            5 m             | 5d  | Retry interval '5 m' is not a duration
            …,4h            | 5d  | '…' must stand between the interval to double and the final interval
            5m,…            | 5d  | '…' must stand between the interval to double and the final interval
            5m,…,1h,4h      | 5d  | '…' must stand between the interval to double and the final interval
            5m,…,1h,…,4h    | 5d  | has more than one '…'
            4h,…,5m         | 5d  | the interval after '…' (PT5M) must be longer than the one before it (PT4H)
            4h,…,4h         | 5d  | the interval after '…' (PT4H) must be longer than the one before it (PT4H)
            5m              | §§  | mta.retry.max-age '' is not a duration
            5m              | 5   | mta.retry.max-age '5' is not a duration
            5m              | 0d  | mta.retry.max-age '0d' must be longer than zero
            5m              | five days | mta.retry.max-age 'five days' is not a duration
            """)
    void malformedScheduleIsRefusedNamingWhatIsWrong(String intervals, String maxAge, String reason) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RetrySchedule.parse(intervals, maxAge))
                .withMessageContaining(reason);
    }

    @Test
    void deferralCountStartsAtOne() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RetrySchedule.standard().next(ACCEPTED, 0, ACCEPTED))
                .withMessageContaining("the first retry follows deferral 1");
    }

    @Test
    void scheduleWithoutIntervalsIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RetrySchedule(List.of(), Duration.ofDays(5)))
                .withMessage("A retry schedule needs at least one interval.");
    }

    // Each retry is made exactly when due and deferred again; stops at the first expiry.
    private static List<String> dueTimesOfRetriesMadeOnTime(RetrySchedule schedule, int deferrals) {
        List<String> decisions = new ArrayList<>();
        Instant now = ACCEPTED;
        for (int deferral = 1; deferral <= deferrals; deferral++) {
            RetryDecision decision = schedule.next(ACCEPTED, deferral, now);
            String rendered = render(decision);
            decisions.add(rendered.startsWith("retry at ") ? rendered.substring("retry at ".length()) : rendered);
            if (!(decision instanceof RetryDecision.RetryAt(Instant dueAt))) {
                break;
            }
            now = dueAt;
        }
        return decisions;
    }

    private static String render(RetryDecision decision) {
        return switch (decision) {
            case RetryDecision.RetryAt(Instant dueAt) -> "retry at " + dueAt;
            case RetryDecision.Expire(Instant expiresAt) -> "expire at " + expiresAt;
        };
    }
}
