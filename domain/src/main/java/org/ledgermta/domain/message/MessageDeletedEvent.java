package org.ledgermta.domain.message;

import java.time.Instant;
import java.util.List;
import org.ledgermta.domain.EmailAddress;

/**
 * An operator removed the message from the queue; undeliveredRecipients, in acceptance order, will never be
 * delivered, and no notification goes to the sender.
 */
public record MessageDeletedEvent(
        MessageId messageId, List<EmailAddress> undeliveredRecipients, String by, String reason, Instant deletedAt) {

    public MessageDeletedEvent {
        undeliveredRecipients = List.copyOf(undeliveredRecipients);
    }
}
