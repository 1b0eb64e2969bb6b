package org.ledgermta.domain.message;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.egress.EgressIpAddress;

/**
 * Recipients that stay queued after a transient failure. egressBlocked says the receiver refused the sending
 * IP, so the retry should come from another one without waiting for the normal back-off; ipsTried includes
 * the IP of this attempt; expiresAt is when the message gives up, so the retry saga can cap its schedule.
 */
public record DeliveryDeferredEvent(
        MessageId messageId,
        int attemptNumber,
        List<EmailAddress> recipients,
        SmtpReply reply,
        boolean egressBlocked,
        Set<EgressIpAddress> ipsTried,
        Instant deferredAt,
        Instant expiresAt) {

    public DeliveryDeferredEvent {
        recipients = List.copyOf(recipients);
        ipsTried = Set.copyOf(ipsTried);
    }
}
