package org.ledgermta.domain.message;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.egress.EgressIpAddress;

/** One SMTP transaction, whatever its outcome; attemptNumber counts the message's attempts from 1. */
public record DeliveryAttemptedEvent(
        MessageId messageId,
        int attemptNumber,
        List<EmailAddress> recipients,
        EgressIpAddress egressIp,
        String mxHost,
        String mxAddress,
        boolean tls,
        List<RecipientResult> results,
        Duration duration,
        Instant attemptedAt) {

    public DeliveryAttemptedEvent {
        recipients = List.copyOf(recipients);
        results = List.copyOf(results);
    }
}
