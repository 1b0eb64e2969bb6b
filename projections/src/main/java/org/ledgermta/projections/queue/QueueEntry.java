package org.ledgermta.projections.queue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.ReversePath;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.message.MessageBody;
import org.ledgermta.domain.message.MessageId;

/**
 * One message in the queue view: what is still to deliver, what was tried, and when it is next due.
 * {@code waitingReason} says why it waits without an attempt (every egress IP capped, rate-limited or backed off
 * towards its provider) until the next attempt; null otherwise.
 */
public record QueueEntry(
        MessageId messageId,
        AccountId account,
        ReversePath sender,
        List<EmailAddress> pending,
        List<Bounced> bounced,
        MessageBody body,
        State state,
        int attempts,
        Set<EgressIpAddress> ipsTried,
        Instant nextAttemptAt,
        String lastReply,
        Instant acceptedAt,
        Instant expiresAt,
        String waitingReason) {

    /** A recipient that failed for good, with the reply that said so (the DSN quotes it). */
    public record Bounced(EmailAddress recipient, String reply) {
    }

    public enum State {
        QUEUED, DEFERRED, HELD, DELIVERED, BOUNCED, EXPIRED, DELETED;

        public boolean waitingForDelivery() {
            return this == QUEUED || this == DEFERRED;
        }
    }

    public QueueEntry {
        pending = List.copyOf(pending);
        bounced = List.copyOf(bounced);
        ipsTried = Set.copyOf(ipsTried);
    }

    public QueueEntry withWaitingReason(String reason, Instant retryAt) {
        return new QueueEntry(messageId, account, sender, pending, bounced, body, state, attempts, ipsTried, retryAt,
                lastReply, acceptedAt, expiresAt, reason);
    }
}
