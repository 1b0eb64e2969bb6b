package org.ledgermta.domain.classification;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.ledgermta.domain.message.RecipientOutcome;

/** Reads the rule table; the format is described at the top of reply-rules.txt. */
final class ReplyRuleParser {

    private static final Pattern FIELD_SEPARATOR = Pattern.compile("\\s+\\|\\s+");

    private final String source;
    private final List<ReplyRule> rules = new ArrayList<>();
    private final ReplySamples samples = new ReplySamples();

    private ReplyRuleParser(String source) {
        this.source = source;
    }

    static List<ReplyRule> parse(List<String> lines, String source) {
        ReplyRuleParser parser = new ReplyRuleParser(source);
        for (int i = 0; i < lines.size(); i++) {
            parser.line(i + 1, lines.get(i) == null ? "" : lines.get(i).strip());
        }
        if (!parser.samples.isEmpty()) {
            throw parser.error(parser.samples.firstLine(), "a sample with no rule below it");
        }
        return List.copyOf(parser.rules);
    }

    private void line(int number, String line) {
        try {
            if (!samples.read(number, line) && !line.isEmpty() && !line.startsWith("#")) {
                rule(number, line);
            }
        } catch (IllegalArgumentException e) {
            throw error(number, e.getMessage());
        }
    }

    private void rule(int number, String line) {
        String[] fields = FIELD_SEPARATOR.split(line, 5);
        if (fields.length != 5 || fields[4].isBlank()) {
            throw new IllegalArgumentException("expected five fields 'OUTCOME | CODES | ENHANCED | PROVIDER | REGEX'"
                    + " separated by ' | ', found " + (fields.length == 5 ? "an empty REGEX" : fields.length + ""));
        }
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("the rule has no '# sample: ' line above it; write the real reply it"
                    + " is for");
        }
        RecipientOutcome outcome = outcome(fields[0]);
        boolean delivered = outcome == RecipientOutcome.DELIVERED;
        ReplyPattern pattern = ReplyPattern.parse(fields[1], fields[2], fields[4], delivered, "does not fit " + outcome
                + ": DELIVERED rules apply to 2xx replies, all others to 4xx and 5xx");
        String provider = provider(fields[3], pattern);
        rules.add(new ReplyRule(number, outcome, pattern, provider, samples.takeFor(pattern::matches)));
    }

    private static RecipientOutcome outcome(String field) {
        try {
            return RecipientOutcome.valueOf(field);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("OUTCOME '" + field + "' is not one of "
                    + Arrays.stream(RecipientOutcome.values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    private static String provider(String field, ReplyPattern pattern) {
        if (field.equals("-")) {
            return "";
        }
        if (field.equals(ReplyRule.FIRST_GROUP) && pattern.groupCount() < 1) {
            throw new IllegalArgumentException("PROVIDER '$1' names the regex's first group, but the regex has no"
                    + " group");
        }
        return field;
    }

    private IllegalArgumentException error(int number, String problem) {
        return new IllegalArgumentException(source + " line " + number + ": " + problem
                + (problem.endsWith(".") ? "" : "."));
    }
}
