package org.ledgermta.domain.classification;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ledgermta.domain.message.SmtpReply;

/**
 * The "# sample: " lines read above a rule, held until the rule below them arrives. Both rule tables
 * (reply-rules.txt, providers.txt) write each rule under the real replies it was written for, and refuse a rule
 * that does not match them. Errors are sentences for the caller to prefix with the source and line.
 */
public final class ReplySamples {

    private static final Pattern SAMPLE_LINE = Pattern.compile("#\\s*sample:\\s*(.*)");

    private final List<SmtpReply> replies = new ArrayList<>();
    private final List<Integer> lines = new ArrayList<>();

    /** Keeps the line if it is a sample line, and says whether it was; a sample that is not a reply is refused. */
    public boolean read(int number, String line) {
        Matcher sample = SAMPLE_LINE.matcher(line);
        if (!sample.matches()) {
            return false;
        }
        try {
            replies.add(ReplyText.sample(sample.group(1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sample: " + e.getMessage(), e);
        }
        lines.add(number);
        return true;
    }

    public boolean isEmpty() {
        return replies.isEmpty();
    }

    /** The line of the first sample still waiting for its rule; only when some are waiting. */
    public int firstLine() {
        if (lines.isEmpty()) {
            throw new IllegalStateException("no sample is waiting for a rule");
        }
        return lines.get(0);
    }

    /** Hands the waiting samples to the rule below them, once the rule has matched each. */
    public List<SmtpReply> takeFor(Predicate<SmtpReply> rule) {
        for (int i = 0; i < replies.size(); i++) {
            if (!rule.test(replies.get(i))) {
                throw new IllegalArgumentException("the rule does not match its sample on line " + lines.get(i)
                        + ": '" + replies.get(i) + "'");
            }
        }
        List<SmtpReply> taken = List.copyOf(replies);
        replies.clear();
        lines.clear();
        return taken;
    }
}
