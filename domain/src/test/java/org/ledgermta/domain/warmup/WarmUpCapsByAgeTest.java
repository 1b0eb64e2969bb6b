package org.ledgermta.domain.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ledgermta.domain.provider.ProviderName;

/** The daily cap each plan gives an IP as it ages, asserted as a whole table per plan. */
class WarmUpCapsByAgeTest {

    private static final ProviderName GMAIL = new ProviderName("gmail");
    private static final ProviderName MICROSOFT = new ProviderName("microsoft");

    @Test
    void standardPlanDoublesFromFiftyEveryFourDaysAndIsUncappedFromDayFortyFour() {
        List<String> expected = List.of(
                "-3: 50 a day", "0: 50 a day", "3: 50 a day", "4: 100 a day", "7: 100 a day", "8: 200 a day",
                "12: 400 a day", "16: 800 a day", "20: 1600 a day", "24: 3200 a day", "28: 6400 a day",
                "32: 12800 a day", "36: 25600 a day", "40: 51200 a day", "43: 51200 a day", "44: unlimited",
                "45: unlimited", "365: unlimited", "100000: unlimited");
        long[] ages = {-3, 0, 3, 4, 7, 8, 12, 16, 20, 24, 28, 32, 36, 40, 43, 44, 45, 365, 100000};

        // The same for every provider, the ones the plan does not name included.
        for (ProviderName provider : List.of(ProviderName.DEFAULT, GMAIL, MICROSOFT, new ProviderName("orange"))) {
            assertThat(caps(WarmUpPlan.standard(), provider, ages)).as(provider.value()).isEqualTo(expected);
        }
        assertThat(WarmUpPlan.standard().isNone()).isFalse();
    }

    @Test
    void noPlanCapsNothingAtAnyAge() {
        long[] ages = {-1, 0, 1, 44, 100000};

        assertThat(caps(WarmUpPlan.none(), GMAIL, ages))
                .containsExactly("-1: unlimited", "0: unlimited", "1: unlimited", "44: unlimited", "100000: unlimited");
        assertThat(WarmUpPlan.none().isNone()).isTrue();
        assertThat(WarmUpPlan.parse("0d=unlimited").isNone()).isTrue();
    }

    @Test
    void providerWithStepsOfItsOwnFollowsThemAndOthersFollowThePlanForEveryProvider() {
        WarmUpPlan plan = WarmUpPlan.parse("0d=50,4d=100,8d=unlimited; microsoft: 0d=20,2d=40,6d=0,10d=unlimited");
        long[] ages = LongStream.rangeClosed(0, 11).toArray();

        assertThat(caps(plan, GMAIL, ages)).containsExactly(
                "0: 50 a day", "1: 50 a day", "2: 50 a day", "3: 50 a day", "4: 100 a day", "5: 100 a day",
                "6: 100 a day", "7: 100 a day", "8: unlimited", "9: unlimited", "10: unlimited", "11: unlimited");
        // A cap of 0 holds the provider's mail for the day: caps need not grow.
        assertThat(caps(plan, MICROSOFT, ages)).containsExactly(
                "0: 20 a day", "1: 20 a day", "2: 40 a day", "3: 40 a day", "4: 40 a day", "5: 40 a day",
                "6: 0 a day", "7: 0 a day", "8: 0 a day", "9: 0 a day", "10: unlimited", "11: unlimited");
        assertThat(plan.isNone()).isFalse();
        assertThat(WarmUpPlan.parse("none; microsoft: 0d=20,4d=unlimited").isNone()).isFalse();
        assertThat(WarmUpPlan.parse("none; microsoft: none").isNone()).isTrue();
    }

    @ParameterizedTest(name = "{0} cap, {1} sent today: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            50        | 0     | true
            50        | 49    | true
            50        | 50    | false
            50        | 51    | false
            0         | 0     | false
            unlimited | 0     | true
            unlimited | 99999 | true
            """)
    void capAllowsAnotherMessageWhileFewerThanItHaveGone(String cap, long sentToday, boolean allowed) {
        DailyCap dailyCap =
                cap.equals("unlimited") ? new DailyCap.Unlimited() : new DailyCap.Limited(Long.parseLong(cap));

        assertThat(dailyCap.allows(sentToday)).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "started {0}, today {1}: day {2}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-03-01 | 2026-03-01 | 0
            2026-03-01 | 2026-03-02 | 1
            2026-02-27 | 2026-03-01 | 2
            2026-03-01 | 2026-04-14 | 44
            2026-03-02 | 2026-03-01 | -1
            """)
    void ageCountsWholeDaysFromTheFirstDay(LocalDate startedOn, LocalDate today, long age) {
        assertThat(WarmUpPlan.ageInDays(startedOn, today)).isEqualTo(age);
    }

    private static List<String> caps(WarmUpPlan plan, ProviderName provider, long[] ages) {
        return LongStream.of(ages).mapToObj(age -> age + ": " + plan.capFor(provider, age).describe())
                .collect(Collectors.toList());
    }
}
