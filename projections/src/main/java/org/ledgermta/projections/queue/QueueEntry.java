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

/** One message in the queue view: what is still to deliver, what was tried, and when it is next due. */
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
        Instant expiresAt) {

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
}
