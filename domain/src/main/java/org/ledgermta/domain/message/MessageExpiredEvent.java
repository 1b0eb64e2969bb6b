package org.ledgermta.domain.message;

import java.time.Instant;
import java.util.List;
import org.ledgermta.domain.EmailAddress;

/** The message reached its maximum queue age with these recipients still undelivered. */
public record MessageExpiredEvent(
        MessageId messageId, List<EmailAddress> undeliveredRecipients, Instant expiresAt, Instant expiredAt) {

    public MessageExpiredEvent {
        undeliveredRecipients = List.copyOf(undeliveredRecipients);
    }
}
