package org.ledgermta.domain.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ledgermta.domain.classification.ReplyPattern;
import org.ledgermta.domain.message.SmtpReply;

/** The values the provider table is made of refuse what they cannot mean. */
class ProviderValuesTest {

    private static final SmtpReply GMAIL_RATE_LIMIT = new SmtpReply(421, "4.7.28", "Our system has detected an"
            + " unusual rate of unsolicited mail originating from your IP address.");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            gmail           | gmail
            GMail           | gmail
            united-internet | united-internet
            mail-ru         | mail-ru
            1and1           | 1and1
            default         | default
            """)
    void providerNameIsKeptInLowerCase(String written, String value) {
        assertThat(new ProviderName(written)).hasToString(value);
        assertThat(new ProviderName(written)).isEqualTo(new ProviderName(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-gmail", "big mail", "big_mail", "gmail.com", "ünicode"})
    void invalidProviderNameIsRefused(String written) {
        assertThatIllegalArgumentException().isThrownBy(() -> new ProviderName(written))
                .withMessageContaining("Provider name '" + written + "' is not valid: expected 1 to 64 letters");
    }

    @ParameterizedTest(name = "{0}, {1}, {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            0 | 1 | 0  | connections=0 must be at least 1
            1 | 0 | 0  | messages-per-connection=0 must be at least 1
            1 | 1 | -1 | messages-per-minute=-1 must be 0 (no limit) or more
            """)
    void impossibleShapingIsRefused(int connections, int perConnection, int perMinute, String reason) {
        assertThatIllegalArgumentException().isThrownBy(() -> new Shaping(connections, perConnection, perMinute))
                .withMessageContaining(reason);
    }

    @Test
    void shapingLimitsTheRateOnlyWhenItSetsOne() {
        assertThat(new Shaping(5, 50, 0).limitsRate()).isFalse();
        assertThat(new Shaping(5, 50, 1).limitsRate()).isTrue();
    }

    @Test
    void backOffRuleDescribesItselfWithProviderReplyAndLine() {
        BackOffRule rule = new BackOffRule(42, new ProviderName("gmail"),
                ReplyPattern.ofFailures("421", "4.7.28", "unusual rate of unsolicited mail"), 10,
                Duration.ofMinutes(60), 4, List.of(GMAIL_RATE_LIMIT), "providers.txt");

        assertThat(rule.describe())
                .isEqualTo("gmail 421 4.7.28 'unusual rate of unsolicited mail' (providers.txt line 42)");
        assertThat(rule.matches(GMAIL_RATE_LIMIT)).isTrue();
        assertThat(rule.matches(new SmtpReply(421, "4.7.0", GMAIL_RATE_LIMIT.text()))).isFalse();
    }

    @Test
    void backOffRuleWithoutSamplesOrNotMatchingThemIsRefused() {
        ReplyPattern pattern = ReplyPattern.ofFailures("421", "*", "unusual rate");
        ProviderName gmail = new ProviderName("gmail");

        assertThatIllegalArgumentException().isThrownBy(() -> new BackOffRule(1, gmail, pattern, 10,
                        Duration.ofMinutes(60), 4, List.of(), "test"))
                .withMessageContaining("needs at least one sample");
        assertThatIllegalArgumentException().isThrownBy(() -> new BackOffRule(1, gmail, pattern, 10,
                        Duration.ofMinutes(60), 4, List.of(new SmtpReply(451, "", "unusual rate")), "test"))
                .withMessageContaining("does not match its sample '451 unusual rate'");
    }
}
