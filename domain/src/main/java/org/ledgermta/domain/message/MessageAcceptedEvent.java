package org.ledgermta.domain.message;

import java.time.Instant;
import java.util.List;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.IntakeRoute;
import org.ledgermta.domain.ReversePath;

public record MessageAcceptedEvent(
        MessageId messageId,
        AccountId account,
        ReversePath sender,
        List<EmailAddress> recipients,
        MessageBody body,
        String headerMessageId,
        String headerFrom,
        String clientIp,
        IntakeRoute route,
        Instant acceptedAt,
        Instant expiresAt) {

    public MessageAcceptedEvent {
        recipients = List.copyOf(recipients);
    }
}
