package org.ledgermta.domain.message;

import java.util.Objects;
import org.ledgermta.domain.EmailAddress;

/**
 * What one attempt achieved for one recipient. The outcome is the reply classifier's verdict; only its
 * agreement with the reply's success or failure is checked here, since a 5xx may well be a deferral
 * (an unknown block-list reply is not a bounce) and a 4xx may be classified as permanent.
 */
public record RecipientResult(EmailAddress recipient, SmtpReply reply, RecipientOutcome outcome) {

    public RecipientResult {
        Objects.requireNonNull(recipient, "recipient is required");
        Objects.requireNonNull(reply, "reply is required");
        Objects.requireNonNull(outcome, "outcome is required");
        if ((outcome == RecipientOutcome.DELIVERED) != reply.positive()) {
            throw new IllegalArgumentException("Outcome " + outcome + " for " + recipient + " does not fit reply '"
                    + reply + "': DELIVERED goes with a 2xx reply, and every other outcome with a failure.");
        }
    }
}
