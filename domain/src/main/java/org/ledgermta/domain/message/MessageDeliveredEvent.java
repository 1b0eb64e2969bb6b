package org.ledgermta.domain.message;

import java.time.Instant;
import java.util.List;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.egress.EgressIpAddress;

/** The recipients that one attempt delivered; a message delivered in several legs has one of these per leg. */
public record MessageDeliveredEvent(
        MessageId messageId,
        int attemptNumber,
        List<EmailAddress> recipients,
        EgressIpAddress egressIp,
        String mxHost,
        SmtpReply reply,
        Instant deliveredAt) {

    public MessageDeliveredEvent {
        recipients = List.copyOf(recipients);
    }
}
