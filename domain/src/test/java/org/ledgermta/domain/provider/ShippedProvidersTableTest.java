package org.ledgermta.domain.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ledgermta.domain.ShippedTable;
import org.ledgermta.domain.message.SmtpReply;

/** The shipped providers.txt, checked against the real replies written above each back-off rule. */
class ShippedProvidersTableTest {

    private static final Providers STANDARD = Providers.standard();

    static Stream<Arguments> samples() {
        return STANDARD.backOffRules().stream().flatMap(rule -> rule.samples().stream()
                .map(sample -> Arguments.of(rule.line(), rule, sample)));
    }

    // The rule written for the sample must be the one that takes it, so a rule added above it that swallows its
    // replies fails here, and no other provider's rule may take it.
    @ParameterizedTest(name = "line {0}: {2}")
    @MethodSource("samples")
    void everySampleIsTakenByTheRuleWrittenForItAndOnlyForItsProvider(int line, BackOffRule rule, SmtpReply sample) {
        assertThat(STANDARD.backOffFor(rule.provider(), sample)).contains(rule);
        for (ProviderName other : STANDARD.names()) {
            if (!other.equals(rule.provider())) {
                assertThat(STANDARD.backOffFor(other, sample)).as(other.value()).isEmpty();
            }
        }
    }

    // Read here without the parser, so that a parser that skipped rules or samples would not go unnoticed.
    @Test
    void everyBackOffLineOfTheFileSitsUnderASampleAndIsLoaded() {
        List<Integer> ruleLines = new ArrayList<>();
        List<Integer> rulesWithoutSample = new ArrayList<>();
        int samplesSinceLastRule = 0;
        List<String> lines = ShippedTable.lines(Providers.class, "providers.txt", "The provider table");
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("# sample: ")) {
                samplesSinceLastRule++;
            } else if (line.startsWith("back-off ")) {
                ruleLines.add(i + 1);
                if (samplesSinceLastRule == 0) {
                    rulesWithoutSample.add(i + 1);
                }
                samplesSinceLastRule = 0;
            }
        }

        assertThat(rulesWithoutSample).isEmpty();
        assertThat(STANDARD.backOffRules()).extracting(BackOffRule::line).containsExactlyElementsOf(ruleLines);
        assertThat(STANDARD.backOffRules()).extracting(BackOffRule::source).containsOnly("providers.txt");
    }

    @Test
    void tableNamesTheLargeProvidersAndADefault() {
        assertThat(STANDARD.names()).extracting(ProviderName::value).containsExactly("default", "gmail", "microsoft",
                "yahoo", "apple", "united-internet", "mail-ru", "t-online", "orange");
    }

    // The whole table of shapings at once: a provider without a shaping line, or one the table does not know, is
    // shaped as default.
    @Test
    void eachProviderIsShapedByItsLineOrByTheDefault() {
        Shaping byDefault = new Shaping(20, 100, 0);

        assertThat(Stream.of("default", "gmail", "microsoft", "yahoo", "apple", "united-internet", "mail-ru",
                        "t-online", "orange", "not-in-the-table")
                .map(name -> name + " " + STANDARD.shaping(new ProviderName(name))))
                .containsExactly(
                        "default " + byDefault,
                        "gmail " + new Shaping(5, 50, 0),
                        "microsoft " + new Shaping(5, 50, 300),
                        "yahoo " + new Shaping(5, 20, 300),
                        "apple " + new Shaping(5, 5, 0),
                        "united-internet " + new Shaping(3, 50, 60),
                        "mail-ru " + byDefault,
                        "t-online " + byDefault,
                        "orange " + new Shaping(3, 100, 0),
                        "not-in-the-table " + byDefault);
    }

    // The rates and steps the brief asks for: 10 to 30 a minute for the large three, steps of 15 to 60 minutes,
    // 3 or 4 of them.
    @Test
    void backOffsOfTheLargeProvidersAreWithinSaneBounds() {
        assertThat(STANDARD.backOffRules()).extracting(BackOffRule::provider).map(ProviderName::value)
                .contains("gmail", "microsoft", "yahoo");
        for (BackOffRule rule : STANDARD.backOffRules()) {
            assertThat(rule.ratePerMinute()).as(rule.describe()).isBetween(1, 30);
            assertThat(rule.stepDuration().toMinutes()).as(rule.describe()).isBetween(15L, 60L);
            assertThat(rule.steps()).as(rule.describe()).isBetween(3, 4);
        }
    }

    @Test
    void aReplyNoRuleIsForStartsNoBackOff() {
        SmtpReply greylisted = new SmtpReply(451, "4.7.1", "Greylisted, see http://postgrey.schweikert.ch/help/");

        assertThat(STANDARD.names()).allSatisfy(provider ->
                assertThat(STANDARD.backOffFor(provider, greylisted)).isEqualTo(Optional.empty()));
    }
}
