package org.ledgermta.domain.warmup;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A plan text that cannot mean one thing is refused, quoting the text and saying what is expected. */
class WarmUpPlanRefusedTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
            4d=100                                  | the first step is 4d; it must be 0d, the cap from the IP's first day
            0d=50,8d=200,4d=100                     | step 4d comes after 8d; the days must increase
            0d=50,4d=100,4d=200                     | step 4d comes after 4d; the days must increase
            0d=50,,4d=100                           | '' is not a step: expected DAYSd=CAP such as 4d=100 or 44d=unlimited
            0d=-5                                   | '0d=-5' is not a step
            0d=50,4=100                             | '4=100' is not a step
            0d=50,4d=lots                           | '4d=lots' is not a step
            0d=50,4w=100                            | '4w=100' is not a step
            0d=50;                                  | '' is not a step
            §0d=50; 0d=20§                          | a section after the first has no provider; write 'PROVIDER: STEPS'
            microsoft: 0d=20                        | it starts with steps for 'microsoft', but the steps for every provider come first
            0d=50; default: 0d=20                   | 'default:' names the steps for every provider
            0d=50; microsoft: 0d=20; Microsoft: none | provider 'microsoft' has two sections; keep one
            0d=50; big mail: 0d=20                  | Provider name 'big mail' is not valid
            0d=50; microsoft: 4d=20                 | the first step is 4d; it must be 0d
            unlimited                               | 'unlimited' is not a step
            """)
    void malformedPlanIsRefused(String text, String reason) {
        assertThatIllegalArgumentException().isThrownBy(() -> WarmUpPlan.parse(text))
                .withMessageStartingWith("Warm-up plan '" + text + "': ")
                .withMessageContaining(reason);
    }

    @Test
    void emptyPlanIsRefusedWithTheExpectedForm() {
        for (String empty : new String[] {null, "", "  "}) {
            assertThatIllegalArgumentException().isThrownBy(() -> WarmUpPlan.parse(empty))
                    .withMessage("The warm-up plan is empty: expected steps such as"
                            + " '0d=50,4d=100,8d=200,44d=unlimited', or 'none', then '; PROVIDER: STEPS' for a"
                            + " provider with steps of its own.");
        }
    }
}
