package org.ledgermta.delivery.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RedisProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Test
    void theRealRedisOnLoopbackAnswers() {
        assertThat(RedisProbe.problemReaching("redis://127.0.0.1:6379", TIMEOUT)).isEmpty();
    }

    @Test
    void aPortWhereNothingListensIsReportedNotThrown() {
        assertThat(RedisProbe.problemReaching("redis://127.0.0.1:1", TIMEOUT))
                .hasValueSatisfying(problem -> assertThat(problem).containsIgnoringCase("refused"));
    }

    @Test
    void aMalformedUrlIsReportedNotThrown() {
        assertThat(RedisProbe.problemReaching("http://127.0.0.1:6379", TIMEOUT))
                .hasValueSatisfying(problem -> assertThat(problem).startsWith("not a valid redis:// URL"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "redis://127.0.0.1:6379            | redis://127.0.0.1:6379",
        "redis://:s3cret@10.0.0.5:6379/0   | redis://:***@10.0.0.5:6379/0",
        "redis://app:s3cret@cache:6380     | redis://app:***@cache:6380",
    })
    void passwordsAreMaskedBeforeTheUrlIsPrinted(String url, String printed) {
        assertThat(RedisProbe.withoutPassword(url)).isEqualTo(printed);
    }
}
