package org.ledgermta.commands.message;

import java.util.ArrayList;
import java.util.List;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.message.RecipientOutcome;
import org.ledgermta.domain.message.RecipientResult;
import org.ledgermta.domain.message.SmtpReply;

/** The results of one attempt sorted by what they mean for the message. */
record AttemptResults(
        List<RecipientResult> delivered, List<RecipientResult> bounced, List<RecipientResult> deferred) {

    static AttemptResults of(List<RecipientResult> results) {
        var sorted = new AttemptResults(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (RecipientResult result : results) {
            List<RecipientResult> bucket = switch (result.outcome()) {
                case DELIVERED -> sorted.delivered;
                case BOUNCED -> sorted.bounced;
                // A blocked egress IP says nothing about the recipient: it waits for another IP.
                case DEFERRED, EGRESS_BLOCKED -> sorted.deferred;
            };
            bucket.add(result);
        }
        return sorted;
    }

    boolean egressBlocked() {
        return deferred.stream().anyMatch(AttemptResults::blocked);
    }

    // The block reply is the one an operator needs to see, so it is preferred over an ordinary deferral.
    SmtpReply deferralReply() {
        return deferred.stream().filter(AttemptResults::blocked).findFirst()
                .or(() -> deferred.stream().findFirst())
                .map(RecipientResult::reply)
                .orElseThrow();
    }

    static List<EmailAddress> recipients(List<RecipientResult> results) {
        return results.stream().map(RecipientResult::recipient).toList();
    }

    private static boolean blocked(RecipientResult result) {
        return result.outcome() == RecipientOutcome.EGRESS_BLOCKED;
    }
}
