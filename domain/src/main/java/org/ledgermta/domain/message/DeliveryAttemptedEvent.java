package org.ledgermta.domain.message;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.provider.ProviderName;

/**
 * One SMTP transaction, whatever its outcome; attemptNumber counts the message's attempts from 1. provider is
 * the receiving provider of the MX host (null when no connection was made, and in events recorded before
 * providers were known).
 */
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
        Instant attemptedAt,
        ProviderName provider) {

    public DeliveryAttemptedEvent {
        recipients = List.copyOf(recipients);
        results = List.copyOf(results);
    }

    public DeliveryAttemptedEvent(MessageId messageId, int attemptNumber, List<EmailAddress> recipients,
                                  EgressIpAddress egressIp, String mxHost, String mxAddress, boolean tls,
                                  List<RecipientResult> results, Duration duration, Instant attemptedAt) {
        this(messageId, attemptNumber, recipients, egressIp, mxHost, mxAddress, tls, results, duration, attemptedAt,
                null);
    }
}
