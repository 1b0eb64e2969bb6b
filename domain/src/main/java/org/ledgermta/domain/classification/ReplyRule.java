package org.ledgermta.domain.classification;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.MatchResult;
import org.ledgermta.domain.message.RecipientOutcome;
import org.ledgermta.domain.message.SmtpReply;

/** One line of the rule table, with the real replies it was written for. */
public final class ReplyRule {

    static final String FIRST_GROUP = "$1";

    private final int line;
    private final RecipientOutcome outcome;
    private final ReplyPattern pattern;
    private final String provider;
    private final List<SmtpReply> samples;

    ReplyRule(int line, RecipientOutcome outcome, ReplyPattern pattern, String provider, List<SmtpReply> samples) {
        this.line = line;
        this.outcome = Objects.requireNonNull(outcome);
        this.pattern = Objects.requireNonNull(pattern);
        this.provider = Objects.requireNonNull(provider);
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
        Optional<MatchResult> found = pattern.find(reply, normalisedText);
        return found.map(match -> provider.equals(FIRST_GROUP) ? Objects.toString(match.group(1), "") : provider);
    }

    @Override
    public String toString() {
        return "line " + line + ": " + outcome + " | " + pattern.codes() + " | " + pattern.enhancedCodes() + " | "
                + (provider.isEmpty() ? "-" : provider) + " | " + pattern.regex();
    }
}
