package org.ledgermta.domain.classification;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.ledgermta.domain.ShippedTable;
import org.ledgermta.domain.message.RecipientOutcome;
import org.ledgermta.domain.message.SmtpReply;

/**
 * Decides what a receiver's reply means for one recipient: delivered, deferred, bounced, or a refusal of the
 * egress IP. The knowledge lives in a rule table (reply-rules.txt, each rule under the real replies it was written
 * for); what no rule knows falls back on the reply code, except that a failure mentioning a block list or the
 * IP's reputation is never a bounce.
 */
public final class ReplyClassifier {

    private static final String RESOURCE = "reply-rules.txt";

    private final String source;
    private final List<ReplyRule> rules;
    private final boolean hasDeliveredRules;

    private ReplyClassifier(String source, List<ReplyRule> rules) {
        this.source = source;
        this.rules = rules;
        this.hasDeliveredRules = rules.stream().anyMatch(rule -> rule.outcome() == RecipientOutcome.DELIVERED);
    }

    /** The table shipped with the domain module. */
    public static ReplyClassifier standard() {
        return Standard.CLASSIFIER;
    }

    /** A table in the format of reply-rules.txt; errors name the line. */
    public static ReplyClassifier parse(List<String> lines) {
        return parse(lines, "reply rules");
    }

    private static ReplyClassifier parse(List<String> lines, String source) {
        Objects.requireNonNull(lines, "lines are required");
        return new ReplyClassifier(source, ReplyRuleParser.parse(lines, source));
    }

    /** The rules in the order they are tried. */
    public List<ReplyRule> rules() {
        return rules;
    }

    public Classification classify(SmtpReply reply) {
        Objects.requireNonNull(reply, "reply is required");
        // The hot path: most replies are 2xx, and then only a DELIVERED rule could add anything.
        if (reply.positive() && !hasDeliveredRules) {
            return fallback(reply, "");
        }
        String text = ReplyText.normalised(reply);
        for (ReplyRule rule : rules) {
            Optional<String> provider = rule.match(reply, text);
            if (provider.isPresent()) {
                return new Classification(rule.outcome(), provider.get(), rule.line(), source + " line " + rule.line()
                        + ", the rule for replies such as '" + rule.samples().get(0) + "'");
            }
        }
        return fallback(reply, text);
    }

    // RFC 5321 §4.2.1: 2yz is a completion, 4yz a transient failure, 5yz a permanent one.
    private static Classification fallback(SmtpReply reply, String text) {
        if (reply.positive()) {
            return new Classification(RecipientOutcome.DELIVERED, "", 0, "a 2xx reply: delivered");
        }
        if (BlockListMention.in(text)) {
            return new Classification(RecipientOutcome.EGRESS_BLOCKED, "", 0, "no rule matched, and the reply "
                    + "mentions a block list or the sending IP's reputation: the IP is refused, not the recipient");
        }
        return reply.transientFailure()
                ? new Classification(RecipientOutcome.DEFERRED, "", 0, "no rule matched: a 4xx reply is transient")
                : new Classification(RecipientOutcome.BOUNCED, "", 0,
                        "no rule matched: a 5xx reply is a permanent failure of this recipient");
    }

    // Loaded once, on first use; the table is immutable and thread-safe.
    private static final class Standard {
        static final ReplyClassifier CLASSIFIER =
                parse(ShippedTable.lines(ReplyClassifier.class, RESOURCE, "The reply rule table"), RESOURCE);
    }
}
