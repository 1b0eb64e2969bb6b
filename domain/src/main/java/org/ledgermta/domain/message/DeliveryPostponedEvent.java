package org.ledgermta.domain.message;

import java.time.Instant;
import org.ledgermta.domain.DomainName;
import org.ledgermta.domain.provider.ProviderName;

/** Mail to recipientDomain (at provider) waits, for reason, until at least retryAt; no attempt was made. */
public record DeliveryPostponedEvent(
        MessageId messageId,
        DomainName recipientDomain,
        ProviderName provider,
        String reason,
        Instant retryAt,
        Instant postponedAt) {
}
