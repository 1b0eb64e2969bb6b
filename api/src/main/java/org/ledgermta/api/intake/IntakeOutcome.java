package org.ledgermta.api.intake;

import org.ledgermta.domain.account.RejectionReason;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.SmtpReply;

/** How an intake step ended: the message (or recipient) may go on, or the client gets this reply. */
public sealed interface IntakeOutcome {

    record Accepted(MessageId queueId, SmtpReply reply) implements IntakeOutcome {
    }

    record Passed() implements IntakeOutcome {
    }

    record Refused(SmtpReply reply, RejectionReason reason) implements IntakeOutcome {
    }
}
