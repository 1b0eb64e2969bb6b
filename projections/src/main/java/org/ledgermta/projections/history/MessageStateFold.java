package org.ledgermta.projections.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.message.DeliveryAttemptedEvent;
import org.ledgermta.domain.message.DeliveryDeferredEvent;
import org.ledgermta.domain.message.DeliveryRetryScheduledEvent;
import org.ledgermta.domain.message.MessageAcceptedEvent;
import org.ledgermta.domain.message.MessageBouncedEvent;
import org.ledgermta.domain.message.MessageDeletedEvent;
import org.ledgermta.domain.message.MessageDeliveredEvent;
import org.ledgermta.domain.message.MessageExpiredEvent;
import org.ledgermta.domain.message.MessageHeldEvent;
import org.ledgermta.domain.message.MessageReleasedEvent;

/**
 * What the queue view said about one message at a past instant, folded from the message's own events rather
 * than read from the view, which only knows the present. The rules are the queue view's (QueueView), so the
 * answer for "now" is what the view shows.
 */
public final class MessageStateFold {

    private MessageStateFold() {
    }

    /** Empty when the message had not been accepted by {@code at}. */
    public static Optional<MessageState> fold(List<TimedEvent> events, Instant at) {
        Folding folding = null;
        for (TimedEvent event : LedgerPrefix.upTo(events, at)) {
            if (event.payload() instanceof MessageAcceptedEvent accepted) {
                folding = new Folding(accepted);
            } else if (folding != null) {
                folding.apply(event.payload());
            }
        }
        return Optional.ofNullable(folding).map(state -> state.result(at));
    }

    private static final class Folding {

        private final MessageAcceptedEvent accepted;
        private final List<EmailAddress> pending;
        private final List<EmailAddress> delivered = new ArrayList<>();
        private final List<EmailAddress> bounced = new ArrayList<>();
        private final Set<String> ipsTried = new LinkedHashSet<>();
        private String state = "QUEUED";
        private int attempts;
        private Instant nextAttemptAt;
        private String lastReply;

        Folding(MessageAcceptedEvent accepted) {
            this.accepted = accepted;
            this.pending = new ArrayList<>(accepted.recipients());
            this.nextAttemptAt = accepted.acceptedAt();
        }

        void apply(Object payload) {
            switch (payload) {
                case DeliveryAttemptedEvent attempted -> {
                    attempts = attempted.attemptNumber();
                    if (attempted.egressIp() != null) {
                        ipsTried.add(attempted.egressIp().value());
                    }
                    if (!attempted.results().isEmpty()) {
                        lastReply = attempted.results().getLast().reply().toString();
                    }
                }
                case MessageDeliveredEvent deliveredEvent -> {
                    delivered.addAll(deliveredEvent.recipients());
                    settle(deliveredEvent.recipients());
                }
                case MessageBouncedEvent bouncedEvent -> {
                    bounced.addAll(bouncedEvent.recipients());
                    settle(bouncedEvent.recipients());
                }
                case DeliveryDeferredEvent deferred -> {
                    state = "DEFERRED";
                    lastReply = deferred.reply().toString();
                }
                case DeliveryRetryScheduledEvent retry -> nextAttemptAt = retry.dueAt();
                case MessageExpiredEvent expired -> {
                    // the queue view counts what expiry gave up on as failed for good: the DSN reports it so
                    bounced.addAll(expired.undeliveredRecipients());
                    pending.clear();
                    state = "EXPIRED";
                    nextAttemptAt = null;
                }
                case MessageHeldEvent held -> state = "HELD";
                case MessageReleasedEvent released -> {
                    state = attempts == 0 ? "QUEUED" : "DEFERRED";
                    nextAttemptAt = released.releasedAt();
                }
                case MessageDeletedEvent deleted -> {
                    pending.clear();
                    state = "DELETED";
                    nextAttemptAt = null;
                }
                // a bounce notification, or anything this view never looked at, changes nothing here
                default -> {
                }
            }
        }

        private void settle(List<EmailAddress> settled) {
            pending.removeAll(settled);
            if (pending.isEmpty()) {
                state = bounced.isEmpty() ? "DELIVERED" : "BOUNCED";
                nextAttemptAt = null;
            }
        }

        MessageState result(Instant at) {
            return new MessageState(accepted.messageId().value(), accepted.account().value(),
                    accepted.sender().value(), values(pending), values(delivered), values(bounced), state, attempts,
                    List.copyOf(ipsTried), nextAttemptAt, lastReply, accepted.acceptedAt(), accepted.expiresAt(), at);
        }

        private static List<String> values(List<EmailAddress> addresses) {
            return addresses.stream().map(EmailAddress::value).toList();
        }
    }
}
