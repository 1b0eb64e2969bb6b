package org.ledgermta.domain.classification;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.ledgermta.domain.message.RecipientOutcome;
import org.ledgermta.domain.message.SmtpReply;

/** Reads the rule table; the format is described at the top of reply-rules.txt. */
final class ReplyRuleParser {

    private static final Pattern SAMPLE_LINE = Pattern.compile("#\\s*sample:\\s*(.*)");
    private static final Pattern FIELD_SEPARATOR = Pattern.compile("\\s+\\|\\s+");
    private static final Pattern CODE = Pattern.compile("[2-5][0-9]{2}");
    private static final Pattern CODE_CLASS = Pattern.compile("([245])xx", Pattern.CASE_INSENSITIVE);
    private static final Pattern ENHANCED = Pattern.compile("([245]|\\*)\\.([0-9]{1,3}|\\*)\\.([0-9]{1,3}|\\*)");

    private final String source;
    private final List<ReplyRule> rules = new ArrayList<>();
    private final List<SmtpReply> pendingSamples = new ArrayList<>();
    private final List<Integer> pendingSampleLines = new ArrayList<>();

    private ReplyRuleParser(String source) {
        this.source = source;
    }

    static List<ReplyRule> parse(List<String> lines, String source) {
        ReplyRuleParser parser = new ReplyRuleParser(source);
        for (int i = 0; i < lines.size(); i++) {
            parser.line(i + 1, lines.get(i) == null ? "" : lines.get(i).strip());
        }
        if (!parser.pendingSampleLines.isEmpty()) {
            throw parser.error(parser.pendingSampleLines.get(0), "a sample with no rule below it");
        }
        return List.copyOf(parser.rules);
    }

    private void line(int number, String line) {
        Matcher sample = SAMPLE_LINE.matcher(line);
        if (sample.matches()) {
            try {
                pendingSamples.add(ReplyText.sample(sample.group(1)));
            } catch (IllegalArgumentException e) {
                throw error(number, "sample: " + e.getMessage());
            }
            pendingSampleLines.add(number);
        } else if (!line.isEmpty() && !line.startsWith("#")) {
            rule(number, line);
        }
    }

    private void rule(int number, String line) {
        String[] fields = FIELD_SEPARATOR.split(line, 5);
        if (fields.length != 5 || fields[4].isBlank()) {
            throw error(number, "expected five fields 'OUTCOME | CODES | ENHANCED | PROVIDER | REGEX' separated by"
                    + " ' | ', found " + (fields.length == 5 ? "an empty REGEX" : fields.length + ""));
        }
        if (pendingSamples.isEmpty()) {
            throw error(number, "the rule has no '# sample: ' line above it; write the real reply it is for");
        }
        RecipientOutcome outcome = outcome(number, fields[0]);
        Pattern text = regex(number, fields[4]);
        ReplyRule rule = new ReplyRule(number, outcome, fields[1], codes(number, fields[1], outcome), fields[2],
                enhancedCodes(number, fields[2]), provider(number, fields[3], text), text, pendingSamples);
        for (int i = 0; i < pendingSamples.size(); i++) {
            SmtpReply reply = pendingSamples.get(i);
            if (rule.match(reply, ReplyText.normalised(reply)).isEmpty()) {
                throw error(number, "the rule does not match its sample on line " + pendingSampleLines.get(i)
                        + ": '" + reply + "'");
            }
        }
        rules.add(rule);
        pendingSamples.clear();
        pendingSampleLines.clear();
    }

    private RecipientOutcome outcome(int number, String field) {
        try {
            return RecipientOutcome.valueOf(field);
        } catch (IllegalArgumentException e) {
            throw error(number, "OUTCOME '" + field + "' is not one of " + Arrays.stream(RecipientOutcome.values())
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    // A DELIVERED rule applies to 2xx only and every other outcome to failures only, as RecipientResult requires.
    private IntPredicate codes(int number, String field, RecipientOutcome outcome) {
        boolean delivered = outcome == RecipientOutcome.DELIVERED;
        if (field.equals("*")) {
            return delivered ? code -> code / 100 == 2 : code -> code / 100 == 4 || code / 100 == 5;
        }
        Set<Integer> codes = new HashSet<>();
        Set<Integer> classes = new HashSet<>();
        for (String item : field.split(",", -1)) {
            String code = item.strip();
            Matcher codeClass = CODE_CLASS.matcher(code);
            int replyClass;
            if (CODE.matcher(code).matches()) {
                codes.add(Integer.parseInt(code));
                replyClass = code.charAt(0) - '0';
            } else if (codeClass.matches()) {
                replyClass = Integer.parseInt(codeClass.group(1));
                classes.add(replyClass);
            } else {
                throw error(number, "CODES item '" + code + "' is not a reply code such as 550 or a class such as 5xx;"
                        + " write '*' for any");
            }
            if (replyClass == 3 || (replyClass == 2) != delivered) {
                throw error(number, "CODES item '" + code + "' does not fit " + outcome
                        + ": DELIVERED rules apply to 2xx replies, all others to 4xx and 5xx");
            }
        }
        return code -> codes.contains(code) || classes.contains(code / 100);
    }

    private Pattern enhancedCodes(int number, String field) {
        if (field.equals("*")) {
            return null;
        }
        List<String> alternatives = new ArrayList<>();
        for (String item : field.split(",", -1)) {
            Matcher enhanced = ENHANCED.matcher(item.strip());
            if (!enhanced.matches()) {
                throw error(number, "ENHANCED item '" + item.strip() + "' is not class.subject.detail such as 5.7.1,"
                        + " with '*' for any part (RFC 3463); write '*' alone for any or none");
            }
            alternatives.add(part(enhanced.group(1)) + "\\." + part(enhanced.group(2)) + "\\." + part(enhanced.group(3)));
        }
        return Pattern.compile(String.join("|", alternatives));
    }

    private static String part(String written) {
        return written.equals("*") ? "[0-9]{1,3}" : written;
    }

    private String provider(int number, String field, Pattern text) {
        if (field.equals("-")) {
            return "";
        }
        if (field.equals(ReplyRule.FIRST_GROUP) && text.matcher("").groupCount() < 1) {
            throw error(number, "PROVIDER '$1' names the regex's first group, but the regex has no group");
        }
        return field;
    }

    private Pattern regex(int number, String field) {
        try {
            return Pattern.compile(field, Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            throw error(number, "REGEX is not a valid Java regular expression: " + e.getDescription()
                    + " near index " + e.getIndex());
        }
    }

    private IllegalArgumentException error(int number, String problem) {
        return new IllegalArgumentException(source + " line " + number + ": " + problem + ".");
    }
}
