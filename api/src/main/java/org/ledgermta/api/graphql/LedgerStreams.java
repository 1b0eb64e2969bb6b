package org.ledgermta.api.graphql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.ledgermta.commands.egress.EgressIp;
import org.ledgermta.commands.message.OutboundMessage;
import org.ledgermta.domain.egress.EgressIpAddedEvent;
import org.ledgermta.domain.egress.EgressIpBackOffEndedEvent;
import org.ledgermta.domain.egress.EgressIpBackedOffEvent;
import org.ledgermta.domain.egress.EgressIpBlacklistedEvent;
import org.ledgermta.domain.egress.EgressIpReinstatedEvent;
import org.ledgermta.domain.egress.EgressIpRetiredEvent;
import org.ledgermta.domain.egress.EgressIpWarmUpPlanChangedEvent;
import org.ledgermta.domain.message.DeliveryAttemptedEvent;
import org.ledgermta.domain.message.MessageAcceptedEvent;
import org.ledgermta.domain.message.SmtpReply;
import org.ledgermta.projections.egress.EgressIpView;

/**
 * What the views do not keep, read from the ledger: a message's intake facts and its delivery attempts, an
 * egress IP's changes. One aggregate's stream per call, only when a query asks for these fields; never on the
 * delivery path.
 */
final class LedgerStreams {

    record Intake(List<String> recipients, String headerMessageId, String headerFrom, String clientIp,
                  String route) {
    }

    record Reply(int code, String enhancedCode, String text, String line) {
        static Reply of(SmtpReply reply) {
            return new Reply(reply.code(), reply.enhancedCode(), reply.text(), reply.toString());
        }
    }

    record RecipientResult(String recipient, String outcome, Reply reply) {
    }

    record Attempt(int number, Instant at, String egressIp, String mxHost, String mxAddress, String provider,
                   boolean tls, long durationMillis, List<RecipientResult> results) {
    }

    record EgressIpChange(String change, Instant at, EgressIpView.State state, String by, String note,
                          String blockList, String reply, String detectedInMessage, Integer detectedInAttempt) {
    }

    private static final String MESSAGE = OutboundMessage.class.getSimpleName();
    private static final String EGRESS_IP = EgressIp.class.getSimpleName();

    private final EventStore events;

    LedgerStreams(EventStore events) {
        this.events = events;
    }

    /** The message's events' payloads in the order recorded; empty for a queue id the ledger never saw. */
    List<Object> message(String queueId) {
        return payloads(queueId, MESSAGE);
    }

    static Intake intake(List<Object> messageEvents) {
        return messageEvents.stream()
                .filter(MessageAcceptedEvent.class::isInstance).map(MessageAcceptedEvent.class::cast)
                .map(accepted -> new Intake(accepted.recipients().stream().map(Object::toString).toList(),
                        accepted.headerMessageId(), accepted.headerFrom(), accepted.clientIp(),
                        accepted.route().name()))
                .findFirst().orElse(null);
    }

    static List<Attempt> attempts(List<Object> messageEvents) {
        return messageEvents.stream()
                .filter(DeliveryAttemptedEvent.class::isInstance).map(DeliveryAttemptedEvent.class::cast)
                .map(attempt -> new Attempt(attempt.attemptNumber(), attempt.attemptedAt(),
                        attempt.egressIp() == null ? null : attempt.egressIp().value(), attempt.mxHost(),
                        attempt.mxAddress(), attempt.provider() == null ? null : attempt.provider().value(),
                        attempt.tls(), attempt.duration().toMillis(),
                        attempt.results().stream().map(result -> new RecipientResult(result.recipient().value(),
                                result.outcome().name(), Reply.of(result.reply()))).toList()))
                .toList();
    }

    List<EgressIpChange> egressIpChanges(String address) {
        List<EgressIpChange> changes = new ArrayList<>();
        EgressIpView.State state = EgressIpView.State.ACTIVE;
        for (Object event : payloads(address, EGRESS_IP)) {
            EgressIpChange change = change(event, state);
            if (change != null) {
                changes.add(change);
                state = change.state();
            }
        }
        return changes;
    }

    /** {@code state}: the IP's state before the event; warm-up plans and back-offs leave it as it was. */
    private static EgressIpChange change(Object event, EgressIpView.State state) {
        return switch (event) {
            case EgressIpAddedEvent added -> new EgressIpChange("ADDED", added.addedAt(), EgressIpView.State.ACTIVE,
                    null, "pool " + added.pool().value() + ", HELO " + added.heloName() + ", warm-up plan "
                    + added.warmUpPlanOrNone() + " from " + added.warmUpStartedOnOrAdded(), null, null, null, null);
            case EgressIpBlacklistedEvent blocked -> new EgressIpChange("BLACKLISTED", blocked.blacklistedAt(),
                    EgressIpView.State.BLACKLISTED, null, null, blocked.blockList(), blocked.reply().toString(),
                    blocked.detectedInMessage().value(), blocked.attemptNumber());
            case EgressIpReinstatedEvent reinstated -> new EgressIpChange("REINSTATED", reinstated.reinstatedAt(),
                    EgressIpView.State.ACTIVE, reinstated.by(), reinstated.note(), null, null, null, null);
            case EgressIpRetiredEvent retired -> new EgressIpChange("RETIRED", retired.retiredAt(),
                    EgressIpView.State.RETIRED, retired.by(), retired.note(), null, null, null, null);
            case EgressIpWarmUpPlanChangedEvent changed -> new EgressIpChange("WARM_UP_PLAN_CHANGED",
                    changed.changedAt(), state, changed.by(), "warm-up plan " + changed.warmUpPlan() + " from "
                    + changed.startedOn() + (changed.note().isBlank() ? "" : " (" + changed.note() + ")"),
                    null, null, null, null);
            case EgressIpBackedOffEvent backedOff -> new EgressIpChange("BACKED_OFF", backedOff.startedAt(), state,
                    null, backedOff.ratePerMinute() + " a minute, doubling every " + backedOff.stepDuration()
                    + ", until " + backedOff.endsAt() + " (" + backedOff.rule() + ")",
                    backedOff.provider().value(), backedOff.reply().toString(), backedOff.detectedInMessage().value(),
                    null);
            case EgressIpBackOffEndedEvent ended -> new EgressIpChange("BACK_OFF_ENDED", ended.endedAt(), state, null,
                    "back-off started at " + ended.startedAt(), ended.provider().value(), null, null, null);
            default -> null;
        };
    }

    /*
     * From sequence 0: readEvents(id) alone starts at the latest snapshot, hiding what came before. The
     * aggregate type is checked because every aggregate's ids share one key space in the store.
     */
    private List<Object> payloads(String aggregateIdentifier, String aggregateType) {
        return events.readEvents(aggregateIdentifier, 0L).asStream()
                .filter(event -> aggregateType.equals(event.getType()))
                .map(DomainEventMessage::getPayload)
                .map(Object.class::cast)
                .toList();
    }
}
