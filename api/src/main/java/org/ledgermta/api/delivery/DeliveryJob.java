package org.ledgermta.api.delivery;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.ReversePath;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.message.MessageAcceptedEvent;
import org.ledgermta.domain.message.MessageBody;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.projections.queue.QueueEntry;

/** What the dispatcher needs to attempt a message: who to, from where it has been tried, until when. */
record DeliveryJob(MessageId messageId, AccountId account, ReversePath sender, List<EmailAddress> pending,
                   MessageBody body, Set<EgressIpAddress> ipsTried, int attempts, Instant expiresAt) {

    DeliveryJob {
        pending = List.copyOf(pending);
        ipsTried = Set.copyOf(ipsTried);
    }

    static DeliveryJob of(MessageAcceptedEvent accepted) {
        return new DeliveryJob(accepted.messageId(), accepted.account(), accepted.sender(), accepted.recipients(),
                accepted.body(), Set.of(), 0, accepted.expiresAt());
    }

    static DeliveryJob of(QueueEntry entry) {
        return new DeliveryJob(entry.messageId(), entry.account(), entry.sender(), entry.pending(), entry.body(),
                entry.ipsTried(), entry.attempts(), entry.expiresAt());
    }

    DeliveryJob afterAttempt(EgressIpAddress ip, List<EmailAddress> settled) {
        Set<EgressIpAddress> tried = new LinkedHashSet<>(ipsTried);
        if (ip != null) {
            tried.add(ip);
        }
        List<EmailAddress> left = pending.stream().filter(recipient -> !settled.contains(recipient)).toList();
        return new DeliveryJob(messageId, account, sender, left, body, tried, attempts + 1, expiresAt);
    }

    DeliveryJob excluding(Set<EgressIpAddress> excluded) {
        Set<EgressIpAddress> tried = new LinkedHashSet<>(ipsTried);
        tried.addAll(excluded);
        return new DeliveryJob(messageId, account, sender, pending, body, tried, attempts, expiresAt);
    }
}
