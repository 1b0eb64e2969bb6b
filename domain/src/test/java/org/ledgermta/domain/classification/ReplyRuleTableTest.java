package org.ledgermta.domain.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ledgermta.domain.message.SmtpReply;

/** The shipped table, checked against the real replies written above each of its rules. */
class ReplyRuleTableTest {

    private static final ReplyClassifier STANDARD = ReplyClassifier.standard();

    static Stream<Arguments> samples() {
        return STANDARD.rules().stream().flatMap(rule -> rule.samples().stream()
                .map(sample -> Arguments.of(rule.line(), rule, sample)));
    }

    // Not only the right outcome: the rule written for the sample must be the one that takes it, so a rule added
    // above it that swallows its replies fails here.
    @ParameterizedTest(name = "line {0}: {2}")
    @MethodSource("samples")
    void everySampleIsTakenByTheRuleWrittenForIt(int line, ReplyRule rule, SmtpReply sample) {
        Classification classification = STANDARD.classify(sample);

        assertThat(classification.ruleLine()).as(classification.basis()).isEqualTo(line);
        assertThat(classification.outcome()).isEqualTo(rule.outcome());
    }

    // Read here without the parser, so that a parser that skipped rules or samples would not go unnoticed.
    @Test
    void everyRuleLineOfTheFileSitsUnderASampleAndIsLoaded() throws IOException {
        List<Integer> ruleLines = new ArrayList<>();
        List<Integer> rulesWithoutSample = new ArrayList<>();
        int samplesSinceLastRule = 0;
        List<String> lines = resourceLines();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("# sample: ")) {
                samplesSinceLastRule++;
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                ruleLines.add(i + 1);
                if (samplesSinceLastRule == 0) {
                    rulesWithoutSample.add(i + 1);
                }
                samplesSinceLastRule = 0;
            }
        }

        assertThat(rulesWithoutSample).isEmpty();
        assertThat(STANDARD.rules()).extracting(ReplyRule::line).containsExactlyElementsOf(ruleLines);
        assertThat(ruleLines).hasSizeGreaterThanOrEqualTo(30);
    }

    @Test
    void tableNamesTheMajorBlockListsAndMailboxProviders() {
        assertThat(STANDARD.rules().stream().map(ReplyRule::provider).collect(Collectors.toSet()))
                .contains("Spamhaus", "Barracuda", "SpamCop", "SORBS", "Gmail", "Microsoft", "Yahoo");
    }

    private static List<String> resourceLines() throws IOException {
        try (InputStream in = ReplyClassifier.class.getResourceAsStream("reply-rules.txt")) {
            assertThat(in).as("reply-rules.txt on the classpath").isNotNull();
            return new String(in.readAllBytes(), "UTF-8").lines().toList();
        }
    }
}
