package org.ledgermta.domain.classification;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ledgermta.domain.message.RecipientOutcome;
import org.ledgermta.domain.message.SmtpReply;

/** One line of the rule table, with the real replies it was written for. */
public final class ReplyRule {

    static final String FIRST_GROUP = "$1";

    private final int line;
    private final RecipientOutcome outcome;
    private final String codes;
    private final IntPredicate codeFilter;
    private final String enhancedCodes;
    private final Pattern enhancedCodeFilter;
    private final String provider;
    private final Pattern text;
    private final List<SmtpReply> samples;

    ReplyRule(int line, RecipientOutcome outcome, String codes, IntPredicate codeFilter, String enhancedCodes,
            Pattern enhancedCodeFilter, String provider, Pattern text, List<SmtpReply> samples) {
        this.line = line;
        this.outcome = Objects.requireNonNull(outcome);
        this.codes = codes;
        this.codeFilter = Objects.requireNonNull(codeFilter);
        this.enhancedCodes = enhancedCodes;
        this.enhancedCodeFilter = enhancedCodeFilter;
        this.provider = provider;
        this.text = Objects.requireNonNull(text);
        this.samples = List.copyOf(samples);
    }

    public int line() {
        return line;
    }

    public RecipientOutcome outcome() {
        return outcome;
    }

    /** The provider as written: a name, "" for none, or "$1" for the regex's first group. */
    public String provider() {
        return provider;
    }

    public List<SmtpReply> samples() {
        return samples;
    }

    /** The provider this rule names for a reply it matches, or empty if the rule does not match. */
    Optional<String> match(SmtpReply reply, String normalisedText) {
        if (!codeFilter.test(reply.code())
                || enhancedCodeFilter != null && !enhancedCodeFilter.matcher(reply.enhancedCode()).matches()) {
            return Optional.empty();
        }
        Matcher matcher = text.matcher(normalisedText);
        if (!matcher.find()) {
            return Optional.empty();
        }
        return Optional.of(provider.equals(FIRST_GROUP) ? Objects.toString(matcher.group(1), "") : provider);
    }

    @Override
    public String toString() {
        return "line " + line + ": " + outcome + " | " + codes + " | " + enhancedCodes + " | "
                + (provider.isEmpty() ? "-" : provider) + " | " + text.pattern();
    }
}
