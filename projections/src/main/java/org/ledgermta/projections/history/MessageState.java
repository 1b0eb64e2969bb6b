package org.ledgermta.projections.history;

import java.time.Instant;
import java.util.List;

/**
 * A message as the queue view described it at {@code asOf}. Addresses are plain strings so that the record can
 * be handed to any output as it is. {@code state} is one of QUEUED, DEFERRED, HELD, DELIVERED, BOUNCED,
 * EXPIRED, DELETED; {@code ipsTried} is in the order the IPs were first tried; {@code bounced} also holds the
 * recipients an expiry gave up on, as in the queue view, since the DSN reports them as failed.
 */
public record MessageState(
        String messageId,
        String account,
        String sender,
        List<String> pending,
        List<String> delivered,
        List<String> bounced,
        String state,
        int attempts,
        List<String> ipsTried,
        Instant nextAttemptAt,
        String lastReply,
        Instant acceptedAt,
        Instant expiresAt,
        Instant asOf) {

    public MessageState {
        pending = List.copyOf(pending);
        delivered = List.copyOf(delivered);
        bounced = List.copyOf(bounced);
        ipsTried = List.copyOf(ipsTried);
    }
}
