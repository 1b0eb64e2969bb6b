package org.ledgermta.commands.retry;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.message.DeliveryDeferredEvent;
import org.ledgermta.domain.message.ExpireMessageCommand;
import org.ledgermta.domain.message.MessageBouncedEvent;
import org.ledgermta.domain.message.MessageDeletedEvent;
import org.ledgermta.domain.message.MessageDeliveredEvent;
import org.ledgermta.domain.message.MessageExpiredEvent;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.ScheduleDeliveryRetryCommand;

/**
 * Drives a deferred message to delivery, bounce or expiry. It starts at the first deferral (the messages
 * delivered at once never create one), schedules each retry in the ledger — where it survives a crash —
 * excluding every egress IP already tried, and ends when no recipient is deferred any more.
 *
 * <p>One attempt has a deferral per recipient domain; they belong to one retry round, so a round is
 * counted once: the back-off grows per round, not per domain. A block-listed IP brings the retry forward
 * to seconds away, from another IP.
 */
public class DeliveryRetrySaga {

    private MessageId messageId;
    private Set<EmailAddress> deferred = new LinkedHashSet<>();
    private int round;
    private Instant nextDue;

    @StartSaga
    @SagaEventHandler(associationProperty = "messageId")
    public void on(DeliveryDeferredEvent event, CommandGateway commands, RetryPlan plan) {
        messageId = event.messageId();
        deferred.addAll(event.recipients());
        Instant now = event.deferredAt();
        if (!now.isBefore(event.expiresAt())) {
            commands.sendAndWait(new ExpireMessageCommand(messageId, now));
            return;
        }
        boolean roundScheduled = nextDue != null && nextDue.isAfter(now);
        Instant due;
        if (event.egressBlocked()) {
            due = now.plus(plan.afterEgressBlock());
        } else if (roundScheduled) {
            return;
        } else {
            round++;
            due = now.plus(plan.schedule().interval(round));
        }
        if (roundScheduled && !due.isBefore(nextDue)) {
            return;
        }
        // the last attempt is made at the expiry instant; the deferral after it expires the message
        if (due.isAfter(event.expiresAt())) {
            due = event.expiresAt();
        }
        nextDue = due;
        commands.sendAndWait(new ScheduleDeliveryRetryCommand(messageId, due, event.ipsTried(), now));
    }

    @SagaEventHandler(associationProperty = "messageId")
    public void on(MessageDeliveredEvent event) {
        settled(event.recipients());
    }

    @SagaEventHandler(associationProperty = "messageId")
    public void on(MessageBouncedEvent event) {
        settled(event.recipients());
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "messageId")
    public void on(MessageExpiredEvent event) {
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "messageId")
    public void on(MessageDeletedEvent event) {
    }

    private void settled(java.util.List<EmailAddress> recipients) {
        deferred.removeAll(recipients);
        if (deferred.isEmpty()) {
            SagaLifecycle.end();
        }
    }

    // read by Jackson when the saga is stored (MongoSagaStore)
    public MessageId getMessageId() {
        return messageId;
    }

    public Set<EmailAddress> getDeferred() {
        return deferred;
    }

    public int getRound() {
        return round;
    }

    public Instant getNextDue() {
        return nextDue;
    }
}
