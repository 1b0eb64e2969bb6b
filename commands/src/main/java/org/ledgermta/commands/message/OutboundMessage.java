package org.ledgermta.commands.message;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.ledgermta.domain.CommandRefusedException;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.ReversePath;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.message.AcceptMessageCommand;
import org.ledgermta.domain.message.BounceNotificationIssuedEvent;
import org.ledgermta.domain.message.DeleteMessageCommand;
import org.ledgermta.domain.message.DeliveryAttemptedEvent;
import org.ledgermta.domain.message.DeliveryDeferredEvent;
import org.ledgermta.domain.message.DeliveryPostponedEvent;
import org.ledgermta.domain.message.DeliveryRetryScheduledEvent;
import org.ledgermta.domain.message.ExpireMessageCommand;
import org.ledgermta.domain.message.HoldMessageCommand;
import org.ledgermta.domain.message.MessageAcceptedEvent;
import org.ledgermta.domain.message.MessageBouncedEvent;
import org.ledgermta.domain.message.MessageDeletedEvent;
import org.ledgermta.domain.message.MessageDeliveredEvent;
import org.ledgermta.domain.message.MessageExpiredEvent;
import org.ledgermta.domain.message.MessageHeldEvent;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.MessageReleasedEvent;
import org.ledgermta.domain.message.PostponeDeliveryCommand;
import org.ledgermta.domain.message.RecipientResult;
import org.ledgermta.domain.message.RecordBounceNotificationCommand;
import org.ledgermta.domain.message.RecordDeliveryAttemptCommand;
import org.ledgermta.domain.message.ReleaseMessageCommand;
import org.ledgermta.domain.message.ScheduleDeliveryRetryCommand;
import org.ledgermta.domain.sender.MessageSignatureSkippedEvent;

/**
 * One queued message, from acceptance until every recipient is delivered, bounced, the message expires or an
 * operator deletes it.
 */
public class OutboundMessage {

    @AggregateIdentifier
    private MessageId messageId;
    private ReversePath sender;
    private Instant acceptedAt;
    private Instant expiresAt;
    private int recipientCount;
    // Declared as LinkedHashSet so that a snapshot restores them in acceptance order, the order an
    // expiry lists the undelivered recipients in.
    private LinkedHashSet<EmailAddress> pending = new LinkedHashSet<>();
    private Set<EmailAddress> deferred = new HashSet<>();
    private Set<EmailAddress> delivered = new HashSet<>();
    private Set<EmailAddress> bounced = new HashSet<>();
    private Set<EgressIpAddress> ipsTried = new HashSet<>();
    private int attempts;
    // The reason each recipient domain's mail waits without an attempt, until the next attempt clears it.
    private Map<String, String> postponedReasons = new HashMap<>();
    // When the last recipient became final, once the message is delivered or bounced.
    private Instant lastSettledAt;
    private Instant expiredAt;
    private MessageId notificationId;
    private Instant notificationIssuedAt;
    // Set while an operator holds the message; the release clears them, and status() is QUEUED or DEFERRED again.
    private String heldBy;
    private String holdReason;
    private Instant heldSince;
    private String deletedBy;
    private String deleteReason;
    private Instant deletedAt;

    // Axon creates the aggregate with this constructor, then sources it from events or hands it the accept.
    public OutboundMessage() {
    }

    /*
     * ALWAYS, not CREATE_IF_MISSING: with CREATE_IF_MISSING Axon first tries to load the aggregate, and
     * for a new queue id that is a range query on the event store, a scan of the whole collection on the
     * embedded store, on every accept (JFR: a fifth of the CPU; accept throughput doubled without it).
     * A queue id is still accepted only once: a second accept fails at the store's unique
     * (aggregateIdentifier, sequenceNumber) index and writes nothing.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    void handle(AcceptMessageCommand command) {
        apply(new MessageAcceptedEvent(command.messageId(), command.account(), command.sender(),
                command.recipients(), command.body(), command.headerMessageId(), command.headerFrom(),
                command.clientIp(), command.route(), command.acceptedAt(), command.expiresAt()));
        if (command.signingSkipped() != null) {
            apply(new MessageSignatureSkippedEvent(command.messageId().value(), command.account().value(),
                    command.signingSkipped().fromDomain(), command.signingSkipped().reason(), command.acceptedAt()));
        }
    }

    @CommandHandler
    void handle(RecordDeliveryAttemptCommand command) {
        refuseIfFinished("no further delivery attempt can be recorded");
        refuseIfHeld();
        for (RecipientResult result : command.results()) {
            refuseUnlessPending(result.recipient());
        }
        // Computed before applying anything: applying updates this aggregate's fields at once.
        int attemptNumber = attempts + 1;
        Set<EgressIpAddress> tried = new LinkedHashSet<>(ipsTried);
        if (command.egressIp() != null) {
            tried.add(command.egressIp());
        }
        AttemptResults results = AttemptResults.of(command.results());
        apply(new DeliveryAttemptedEvent(messageId, attemptNumber, AttemptResults.recipients(command.results()),
                command.egressIp(), command.mxHost(), command.mxAddress(), command.tls(), command.results(),
                command.duration(), command.attemptedAt(), command.egressIp() == null ? null : command.provider()));
        if (!results.delivered().isEmpty()) {
            apply(new MessageDeliveredEvent(messageId, attemptNumber, AttemptResults.recipients(results.delivered()),
                    command.egressIp(), command.mxHost(), results.delivered().getFirst().reply(),
                    command.attemptedAt()));
        }
        if (!results.bounced().isEmpty()) {
            apply(new MessageBouncedEvent(messageId, attemptNumber, AttemptResults.recipients(results.bounced()),
                    results.bounced().getFirst().reply(), command.attemptedAt()));
        }
        if (!results.deferred().isEmpty()) {
            apply(new DeliveryDeferredEvent(messageId, attemptNumber, AttemptResults.recipients(results.deferred()),
                    results.deferralReply(), results.egressBlocked(), tried, command.attemptedAt(), expiresAt));
        }
    }

    /**
     * A wait without an attempt (every IP capped, rate-limited or backed off for the provider). Recorded once per
     * reason and domain: the dispatcher asks again at every retry while the reason holds, which is no new fact.
     */
    @CommandHandler
    void handle(PostponeDeliveryCommand command) {
        refuseIfFinished("its delivery is not postponed");
        refuseIfHeld();
        if (command.reason().equals(postponedReasons.get(command.recipientDomain().value()))) {
            return;
        }
        apply(new DeliveryPostponedEvent(messageId, command.recipientDomain(), command.provider(), command.reason(),
                command.retryAt(), command.at()));
    }

    @CommandHandler
    void handle(ScheduleDeliveryRetryCommand command) {
        refuseIfFinished("no retry can be scheduled");
        refuseIfHeld();
        if (status() != MessageStatus.DEFERRED) {
            throw refused(messageId, "Message " + messageId + " is " + status()
                    + " with no deferred recipient; only a deferred message is retried.");
        }
        if (!command.dueAt().isAfter(command.scheduledAt())) {
            throw refused(messageId, "Retry of message " + messageId + " would be due at " + command.dueAt()
                    + ", not after it was scheduled at " + command.scheduledAt() + ".");
        }
        if (command.dueAt().isAfter(expiresAt)) {
            throw refused(messageId, "Retry of message " + messageId + " would be due at " + command.dueAt()
                    + ", after the message expires at " + expiresAt + "; expire it instead.");
        }
        apply(new DeliveryRetryScheduledEvent(messageId, command.dueAt(), command.excludedIps(),
                command.scheduledAt()));
    }

    @CommandHandler
    void handle(ExpireMessageCommand command) {
        refuseIfFinished("it cannot expire");
        if (command.at().isBefore(expiresAt)) {
            throw refused(messageId, "Message " + messageId + " cannot expire at " + command.at()
                    + ": it may stay queued until " + expiresAt + ".");
        }
        apply(new MessageExpiredEvent(messageId, List.copyOf(pending), expiresAt, command.at()));
    }

    @CommandHandler
    void handle(HoldMessageCommand command) {
        refuseIfFinished("it cannot be held");
        if (heldSince != null) {
            throw refused(messageId, "Message " + messageId + " is already held by " + heldBy + " since " + heldSince
                    + " (" + holdReason + ").");
        }
        apply(new MessageHeldEvent(messageId, command.by(), command.reason(), command.at()));
    }

    @CommandHandler
    void handle(ReleaseMessageCommand command) {
        refuseIfFinished("it cannot be released");
        if (heldSince == null) {
            throw refused(messageId, "Message " + messageId + " is " + status()
                    + ", not held; only a held message is released.");
        }
        apply(new MessageReleasedEvent(messageId, command.by(), command.at()));
    }

    // Allowed while held: holding a message to look at it, then deleting it, is the usual way to remove spam.
    @CommandHandler
    void handle(DeleteMessageCommand command) {
        refuseIfFinished("it cannot be deleted");
        apply(new MessageDeletedEvent(messageId, List.copyOf(pending), command.by(), command.reason(),
                command.at()));
    }

    @CommandHandler
    void handle(RecordBounceNotificationCommand command) {
        // An operator's deletion is silent, as Postfix's postsuper -d: the sender hears nothing more.
        if (deletedAt != null) {
            throw refused(messageId, "Message " + messageId + " " + deletion()
                    + "; no delivery status notification is issued for a deleted message.");
        }
        // RFC 5321 §4.5.5 / RFC 3464 §2: a notification is never sent to the null reverse-path, which is
        // what keeps two relays from bouncing notifications back and forth.
        if (sender.nullPath()) {
            throw refused(messageId, "Message " + messageId
                    + " has the null sender <>; no delivery status notification is sent to <>.");
        }
        if (notificationId != null) {
            throw refused(messageId, "Message " + messageId + " already had bounce notification " + notificationId
                    + " issued at " + notificationIssuedAt + ".");
        }
        if (bounced.isEmpty() && expiredAt == null) {
            throw refused(messageId, "Message " + messageId
                    + " has no bounced recipient and has not expired; a bounce notification reports a failure.");
        }
        apply(new BounceNotificationIssuedEvent(messageId, command.notificationId(), command.issuedAt()));
    }

    @EventSourcingHandler
    void on(MessageAcceptedEvent event) {
        messageId = event.messageId();
        sender = event.sender();
        acceptedAt = event.acceptedAt();
        expiresAt = event.expiresAt();
        recipientCount = event.recipients().size();
        pending.addAll(event.recipients());
    }

    @EventSourcingHandler
    void on(DeliveryPostponedEvent event) {
        postponedReasons.put(event.recipientDomain().value(), event.reason());
    }

    @EventSourcingHandler
    void on(DeliveryAttemptedEvent event) {
        postponedReasons.clear();
        attempts = event.attemptNumber();
        if (event.egressIp() != null) {
            ipsTried.add(event.egressIp());
        }
    }

    @EventSourcingHandler
    void on(MessageDeliveredEvent event) {
        pending.removeAll(event.recipients());
        deferred.removeAll(event.recipients());
        delivered.addAll(event.recipients());
        lastSettledAt = event.deliveredAt();
    }

    @EventSourcingHandler
    void on(MessageBouncedEvent event) {
        pending.removeAll(event.recipients());
        deferred.removeAll(event.recipients());
        bounced.addAll(event.recipients());
        lastSettledAt = event.bouncedAt();
    }

    @EventSourcingHandler
    void on(DeliveryDeferredEvent event) {
        deferred.addAll(event.recipients());
    }

    @EventSourcingHandler
    void on(MessageExpiredEvent event) {
        expiredAt = event.expiredAt();
    }

    @EventSourcingHandler
    void on(BounceNotificationIssuedEvent event) {
        notificationId = event.notificationId();
        notificationIssuedAt = event.issuedAt();
    }

    @EventSourcingHandler
    void on(MessageHeldEvent event) {
        heldBy = event.by();
        holdReason = event.reason();
        heldSince = event.heldAt();
    }

    @EventSourcingHandler
    void on(MessageReleasedEvent event) {
        heldBy = null;
        holdReason = null;
        heldSince = null;
    }

    @EventSourcingHandler
    void on(MessageDeletedEvent event) {
        deletedBy = event.by();
        deleteReason = event.reason();
        deletedAt = event.deletedAt();
    }

    MessageStatus status() {
        if (deletedAt != null) {
            return MessageStatus.DELETED;
        }
        if (expiredAt != null) {
            return MessageStatus.EXPIRED;
        }
        if (pending.isEmpty()) {
            return bounced.isEmpty() ? MessageStatus.DELIVERED : MessageStatus.BOUNCED;
        }
        if (heldSince != null) {
            return MessageStatus.HELD;
        }
        return deferred.isEmpty() ? MessageStatus.QUEUED : MessageStatus.DEFERRED;
    }

    private void refuseIfFinished(String consequence) {
        String finished = switch (status()) {
            case DELIVERED -> "was delivered to every recipient at " + lastSettledAt;
            case BOUNCED -> "bounced at " + lastSettledAt + " (" + bounced.size() + " of " + recipientCount
                    + " recipients bounced)";
            case EXPIRED -> "expired at " + expiredAt;
            case DELETED -> deletion();
            case QUEUED, DEFERRED, HELD -> null;
        };
        if (finished != null) {
            throw refused(messageId, "Message " + messageId + " " + finished + "; " + consequence + ".");
        }
    }

    private void refuseIfHeld() {
        if (heldSince != null) {
            throw refused(messageId, "Message " + messageId + " is held by " + heldBy + " since " + heldSince
                    + " (" + holdReason + "); release it first.");
        }
    }

    private String deletion() {
        return "was deleted by " + deletedBy + " at " + deletedAt + " (" + deleteReason + ")";
    }

    private void refuseUnlessPending(EmailAddress recipient) {
        if (pending.contains(recipient)) {
            return;
        }
        String why = delivered.contains(recipient) ? "was already delivered"
                : bounced.contains(recipient) ? "has already bounced"
                : "is not a recipient of it";
        throw refused(messageId, "Message " + messageId + " cannot record a result for " + recipient + ": it "
                + why + ".");
    }

    private static CommandRefusedException refused(MessageId id, String reason) {
        return new CommandRefusedException(id.value(), reason);
    }

    /*
     * Snapshot accessors. The ledger stores snapshots with Jackson, which writes an object through its public
     * getters and restores each private field behind a getter (MapperFeature.INFER_PROPERTY_MUTATORS); a
     * field without a getter here would be lost from snapshots. Nothing else reads them.
     */

    public MessageId getMessageId() {
        return messageId;
    }

    public ReversePath getSender() {
        return sender;
    }

    public Instant getAcceptedAt() {
        return acceptedAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public int getRecipientCount() {
        return recipientCount;
    }

    public Set<EmailAddress> getPending() {
        return Collections.unmodifiableSet(pending);
    }

    public Set<EmailAddress> getDeferred() {
        return Collections.unmodifiableSet(deferred);
    }

    public Set<EmailAddress> getDelivered() {
        return Collections.unmodifiableSet(delivered);
    }

    public Set<EmailAddress> getBounced() {
        return Collections.unmodifiableSet(bounced);
    }

    public Set<EgressIpAddress> getIpsTried() {
        return Collections.unmodifiableSet(ipsTried);
    }

    public int getAttempts() {
        return attempts;
    }

    public Instant getLastSettledAt() {
        return lastSettledAt;
    }

    public Instant getExpiredAt() {
        return expiredAt;
    }

    public MessageId getNotificationId() {
        return notificationId;
    }

    public Instant getNotificationIssuedAt() {
        return notificationIssuedAt;
    }

    public String getHeldBy() {
        return heldBy;
    }

    public String getHoldReason() {
        return holdReason;
    }

    public Instant getHeldSince() {
        return heldSince;
    }

    public String getDeletedBy() {
        return deletedBy;
    }

    public String getDeleteReason() {
        return deleteReason;
    }

    public Instant getDeletedAt() {
        return deletedAt;
    }

    public Map<String, String> getPostponedReasons() {
        return Collections.unmodifiableMap(postponedReasons);
    }
}
