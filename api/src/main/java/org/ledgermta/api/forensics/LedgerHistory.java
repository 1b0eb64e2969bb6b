package org.ledgermta.api.forensics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.ledgermta.commands.egress.EgressIp;
import org.ledgermta.commands.message.OutboundMessage;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.projections.egress.EgressIpView;
import org.ledgermta.projections.egress.EgressPool;
import org.ledgermta.projections.history.EgressIpState;
import org.ledgermta.projections.history.EgressPoolFold;
import org.ledgermta.projections.history.MessageState;
import org.ledgermta.projections.history.MessageStateFold;
import org.ledgermta.projections.history.TimedEvent;

/**
 * Forensics from the ledger itself: a message's full history, and what the queue and pool views said at a past
 * instant, folded from the events recorded up to that instant rather than read from the views, which only know
 * the present. Reads only the streams asked about, one aggregate's events each; never on the delivery path.
 */
public class LedgerHistory {

    private static final String MESSAGE_AGGREGATE = OutboundMessage.class.getSimpleName();
    private static final String EGRESS_IP_AGGREGATE = EgressIp.class.getSimpleName();

    private final EventStore eventStore;
    private final EgressPool pool;

    public LedgerHistory(EventStore eventStore, EgressPool pool) {
        this.eventStore = Objects.requireNonNull(eventStore, "eventStore is required");
        this.pool = Objects.requireNonNull(pool, "pool is required");
    }

    /** Every event of the message in the order it was recorded; empty for a queue id the ledger never saw. */
    public List<HistoryEntry> messageEvents(MessageId id) {
        return stream(id.value(), MESSAGE_AGGREGATE).stream()
                .map(event -> new HistoryEntry(event.getSequenceNumber(), event.getPayloadType().getSimpleName(),
                        event.getTimestamp(), event.getPayload()))
                .toList();
    }

    /** The message as the queue view described it at {@code at}; empty if it had not been accepted by then. */
    public Optional<MessageState> messageAsOf(MessageId id, Instant at) {
        return MessageStateFold.fold(timed(stream(id.value(), MESSAGE_AGGREGATE)), at);
    }

    /** The egress pool as its view described it at {@code at}, ordered by address text. */
    public List<EgressIpState> egressIpsAsOf(Instant at) {
        /*
         * The pool's events are spread over one EgressIp aggregate per address, so this reads the streams of the
         * addresses the pool view knows, O(IPs) reads, rather than scanning the whole store for egress events.
         * No IP the ledger ever had is missed that way: an IP is never removed from the pool view, a retired one
         * stays in it as RETIRED, so an IP retired and dropped from the configuration is still found here.
         */
        List<TimedEvent> events = new ArrayList<>();
        for (EgressIpView ip : pool.all()) {
            events.addAll(timed(stream(ip.address().value(), EGRESS_IP_AGGREGATE)));
        }
        return EgressPoolFold.fold(events, at);
    }

    /*
     * From sequence 0: readEvents(id) alone starts at the aggregate's latest snapshot when it has one
     * (mta.snapshot-threshold), which would hide the history before it. The aggregate type is checked because
     * ids of different aggregates share one key space in the store, and an account may well be called
     * "hosting-7", which is also a valid queue id.
     */
    private List<? extends DomainEventMessage<?>> stream(String aggregateIdentifier, String aggregateType) {
        return eventStore.readEvents(aggregateIdentifier, 0L).asStream()
                .filter(event -> aggregateType.equals(event.getType()))
                .toList();
    }

    private static List<TimedEvent> timed(List<? extends DomainEventMessage<?>> events) {
        return events.stream()
                .map(event -> new TimedEvent(event.getPayload(), event.getTimestamp(), event.getSequenceNumber()))
                .toList();
    }
}
