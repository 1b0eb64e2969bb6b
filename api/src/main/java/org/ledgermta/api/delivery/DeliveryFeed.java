package org.ledgermta.api.delivery;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.ledgermta.domain.message.DeliveryRetryScheduledEvent;
import org.ledgermta.domain.message.MessageAcceptedEvent;
import org.ledgermta.domain.message.MessageDeletedEvent;
import org.ledgermta.domain.message.MessageExpiredEvent;
import org.ledgermta.domain.message.MessageHeldEvent;
import org.ledgermta.domain.message.MessageReleasedEvent;

/**
 * Hands the ledger's decisions to the in-memory dispatcher, each only after the unit of work that recorded
 * it has committed (and so is durable): a message is never attempted on the strength of an event that
 * could still be rolled back. Runs in a subscribing processor: no tracking processor between accept and
 * delivery (DESIGN.md, "Performance choices").
 */
public final class DeliveryFeed {

    private final DeliveryDispatcher dispatcher;

    public DeliveryFeed(DeliveryDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @EventHandler
    void on(MessageAcceptedEvent event) {
        afterCommit(() -> dispatcher.accepted(DeliveryJob.of(event)));
    }

    @EventHandler
    void on(DeliveryRetryScheduledEvent event) {
        afterCommit(() -> dispatcher.retryAt(event.messageId(), event.dueAt(), event.excludedIps()));
    }

    @EventHandler
    void on(MessageExpiredEvent event) {
        afterCommit(() -> dispatcher.finished(event.messageId()));
    }

    @EventHandler
    void on(MessageDeletedEvent event) {
        afterCommit(() -> dispatcher.finished(event.messageId()));
    }

    @EventHandler
    void on(MessageHeldEvent event) {
        afterCommit(() -> dispatcher.hold(event.messageId()));
    }

    @EventHandler
    void on(MessageReleasedEvent event) {
        afterCommit(() -> dispatcher.release(event.messageId()));
    }

    private static void afterCommit(Runnable action) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> action.run());
        } else {
            action.run();
        }
    }
}
