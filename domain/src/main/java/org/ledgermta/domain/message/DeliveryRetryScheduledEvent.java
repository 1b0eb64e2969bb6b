package org.ledgermta.domain.message;

import java.time.Instant;
import java.util.Set;
import org.ledgermta.domain.egress.EgressIpAddress;

public record DeliveryRetryScheduledEvent(
        MessageId messageId, Instant dueAt, Set<EgressIpAddress> excludedIps, Instant scheduledAt) {

    public DeliveryRetryScheduledEvent {
        excludedIps = Set.copyOf(excludedIps);
    }
}
