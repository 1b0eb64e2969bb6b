package org.ledgermta.domain.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A plan survives its text form unchanged, so an event can carry it and the configuration can state it. */
class WarmUpPlanTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
            none                                                                  | none
            §  none  §                                                            | none
            0d=unlimited                                                          | none
            0d=50,4d=100,8d=unlimited                                             | 0d=50,4d=100,8d=unlimited
            § 0d = 50 , 4d=100 ,8d=unlimited §                                    | 0d=50,4d=100,8d=unlimited
            0d=0,1d=10                                                            | 0d=0,1d=10
            0d=50;microsoft:0d=20,4d=unlimited                                    | 0d=50; microsoft: 0d=20,4d=unlimited
            0d=50; yahoo: 0d=10; Microsoft: 0d=20                                 | 0d=50; microsoft: 0d=20; yahoo: 0d=10
            default: 0d=50; microsoft: none                                       | 0d=50; microsoft: none
            none; microsoft: 0d=100,7d=unlimited                                  | none; microsoft: 0d=100,7d=unlimited
            """)
    void textIsReadAndWrittenInOneCanonicalForm(String written, String canonical) {
        WarmUpPlan plan = WarmUpPlan.parse(written);

        assertThat(plan.text()).isEqualTo(canonical);
        assertThat(WarmUpPlan.parse(plan.text())).isEqualTo(plan).hasSameHashCodeAs(plan);
        assertThat(plan).hasToString(canonical);
    }

    @Test
    void standardAndNoPlansRoundTrip() {
        assertThat(WarmUpPlan.standard().text()).isEqualTo("0d=50,4d=100,8d=200,12d=400,16d=800,20d=1600,24d=3200,"
                + "28d=6400,32d=12800,36d=25600,40d=51200,44d=unlimited");
        assertThat(WarmUpPlan.parse(WarmUpPlan.standard().text())).isEqualTo(WarmUpPlan.standard());
        assertThat(WarmUpPlan.none().text()).isEqualTo("none");
        assertThat(WarmUpPlan.parse("none")).isEqualTo(WarmUpPlan.none());
        assertThat(WarmUpPlan.standard()).isNotEqualTo(WarmUpPlan.none());
    }
}
