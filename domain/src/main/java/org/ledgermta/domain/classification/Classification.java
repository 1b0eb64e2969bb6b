package org.ledgermta.domain.classification;

import java.util.Objects;
import org.ledgermta.domain.message.RecipientOutcome;

/**
 * The classifier's verdict on one reply.
 *
 * @param provider the block list or mailbox provider the rule names ("Spamhaus", "Gmail"), or "" when none
 * @param ruleLine the line of the rule that matched, or 0 when the reply code's fallback decided
 * @param basis why, in words fit for the attempt's log line and the audit view
 */
public record Classification(RecipientOutcome outcome, String provider, int ruleLine, String basis) {

    public Classification {
        Objects.requireNonNull(outcome, "outcome is required");
        provider = provider == null ? "" : provider;
        Objects.requireNonNull(basis, "basis is required");
    }
}
