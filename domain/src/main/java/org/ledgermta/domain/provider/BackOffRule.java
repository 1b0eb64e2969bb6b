package org.ledgermta.domain.provider;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.ledgermta.domain.classification.ReplyPattern;
import org.ledgermta.domain.message.SmtpReply;

/**
 * A provider's "slow down", and how to obey it: on a reply the pattern matches, send to the provider at
 * ratePerMinute for one step, twice that for the next, and so on for the given number of steps (see
 * org.ledgermta.domain.shaping.BackOff).
 *
 * @param line where the rule is written in its source
 * @param reply the replies the rule is for, written as in reply-rules.txt
 * @param samples real replies the rule was written for; it matches each
 * @param source the table the rule was read from ("providers.txt")
 */
public record BackOffRule(int line, ProviderName provider, ReplyPattern reply, int ratePerMinute,
        Duration stepDuration, int steps, List<SmtpReply> samples, String source) {

    public BackOffRule {
        Objects.requireNonNull(provider, "provider is required");
        Objects.requireNonNull(reply, "reply pattern is required");
        Objects.requireNonNull(stepDuration, "step duration is required");
        Objects.requireNonNull(source, "source is required");
        checkPace(ratePerMinute, stepDuration, steps);
        samples = List.copyOf(samples);
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("A back-off rule needs at least one sample: the real reply it is for.");
        }
        for (SmtpReply sample : samples) {
            if (!reply.matches(sample)) {
                throw new IllegalArgumentException("The back-off rule '" + reply + "' does not match its sample '"
                        + sample + "'.");
            }
        }
    }

    /**
     * Refuses a back-off that could not slow anything down or whose last step's rate would not fit an int. Shared
     * with org.ledgermta.domain.shaping.BackOff, which carries the same three numbers, so that a rule the table
     * accepts always starts a valid back-off.
     */
    public static void checkPace(int ratePerMinute, Duration stepDuration, int steps) {
        Objects.requireNonNull(stepDuration, "step duration is required");
        if (ratePerMinute < 1) {
            throw new IllegalArgumentException("A back-off rate of " + ratePerMinute + " a minute is not valid: it"
                    + " must be at least 1, a back-off slows sending down, it does not stop it.");
        }
        if (stepDuration.isZero() || stepDuration.isNegative()) {
            throw new IllegalArgumentException("A back-off step of " + stepDuration + " must be longer than zero.");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("A back-off of " + steps + " steps is not valid: it needs at least 1.");
        }
        // The rate doubles at each step: the last, ratePerMinute doubled steps - 1 times, must fit the counters.
        if (steps > 31 || (long) ratePerMinute << (steps - 1) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("A back-off from " + ratePerMinute + " a minute over " + steps
                    + " steps would end above " + Integer.MAX_VALUE + " a minute: use fewer steps.");
        }
    }

    public boolean matches(SmtpReply reply) {
        return this.reply.matches(reply);
    }

    /** For the log and the audit view: "gmail 421 4.7.28 'unusual rate …' (providers.txt line 42)". */
    public String describe() {
        String enhanced = reply.enhancedCodes().equals("*") ? "" : " " + reply.enhancedCodes();
        return provider + " " + reply.codes() + enhanced + " '" + reply.regex() + "' (" + source + " line " + line
                + ")";
    }
}
