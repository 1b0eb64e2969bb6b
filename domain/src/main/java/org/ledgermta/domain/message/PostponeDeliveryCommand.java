package org.ledgermta.domain.message;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ledgermta.domain.DomainName;
import org.ledgermta.domain.provider.ProviderName;

/**
 * The message's mail for a recipient domain waits without an attempt: every egress IP has reached its warm-up
 * cap or its rate towards the provider, or is backed off. reason says which, in words for the queue view; the
 * next try is at retryAt. Recorded once per reason: asking again while the same reason holds is a no-op.
 */
public record PostponeDeliveryCommand(
        @TargetAggregateIdentifier MessageId messageId,
        DomainName recipientDomain,
        ProviderName provider,
        String reason,
        Instant retryAt,
        Instant at) {

    public PostponeDeliveryCommand {
        requireNonNull(messageId, "messageId is required");
        requireNonNull(recipientDomain, "recipientDomain is required");
        requireNonNull(provider, "provider is required");
        requireNonNull(retryAt, "retryAt is required");
        requireNonNull(at, "at is required");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("Postponing message " + messageId + " needs a reason.");
        }
    }
}
