package org.ledgermta.domain.message;

import java.time.Instant;
import java.util.List;
import org.ledgermta.domain.EmailAddress;

/** A permanent failure of these recipients in one attempt; they will not be retried. */
public record MessageBouncedEvent(
        MessageId messageId, int attemptNumber, List<EmailAddress> recipients, SmtpReply reply, Instant bouncedAt) {

    public MessageBouncedEvent {
        recipients = List.copyOf(recipients);
    }
}
