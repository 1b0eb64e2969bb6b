package org.ledgermta.projections.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.ledgermta.domain.egress.EgressIpAddedEvent;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.egress.EgressIpBlacklistedEvent;
import org.ledgermta.domain.egress.EgressIpReinstatedEvent;
import org.ledgermta.domain.egress.EgressIpRetiredEvent;

/**
 * What the egress pool view said at a past instant, folded from the IPs' own events with the pool view's rules
 * (EgressPool). The events may come from many IPs' streams at once; each IP's stream is folded on its own, and
 * an IP appears only once its addition had been recorded.
 */
public final class EgressPoolFold {

    private EgressPoolFold() {
    }

    /** Ordered by address text, as the pool view lists them. */
    public static List<EgressIpState> fold(List<TimedEvent> events, Instant at) {
        Map<String, List<TimedEvent>> streams = new TreeMap<>();
        if (events != null) {
            for (TimedEvent event : events) {
                address(event.payload()).ifPresent(address ->
                        streams.computeIfAbsent(address.value(), key -> new ArrayList<>()).add(event));
            }
        }
        List<EgressIpState> pool = new ArrayList<>();
        for (List<TimedEvent> stream : streams.values()) {
            EgressIpState state = null;
            for (TimedEvent event : LedgerPrefix.upTo(stream, at)) {
                state = apply(state, event.payload());
            }
            if (state != null) {
                pool.add(state);
            }
        }
        return List.copyOf(pool);
    }

    private static EgressIpState apply(EgressIpState state, Object payload) {
        if (payload instanceof EgressIpAddedEvent added) {
            return new EgressIpState(added.address().value(), added.pool().value(), added.heloName(), "ACTIVE", null,
                    added.addedAt());
        }
        // as in the view, a change to an IP the pool does not hold yet is not a reason to invent one
        if (state == null) {
            return null;
        }
        return switch (payload) {
            case EgressIpBlacklistedEvent blacklisted -> with(state, "BLACKLISTED",
                    blacklisted.blockList() + ": " + blacklisted.reply(), blacklisted.blacklistedAt());
            case EgressIpReinstatedEvent reinstated -> with(state, "ACTIVE", state.lastBlock(),
                    reinstated.reinstatedAt());
            case EgressIpRetiredEvent retired -> with(state, "RETIRED", state.lastBlock(), retired.retiredAt());
            default -> state;
        };
    }

    private static EgressIpState with(EgressIpState state, String newState, String lastBlock, Instant since) {
        return new EgressIpState(state.address(), state.pool(), state.heloName(), newState, lastBlock, since);
    }

    private static Optional<EgressIpAddress> address(Object payload) {
        return Optional.ofNullable(switch (payload) {
            case EgressIpAddedEvent added -> added.address();
            case EgressIpBlacklistedEvent blacklisted -> blacklisted.address();
            case EgressIpReinstatedEvent reinstated -> reinstated.address();
            case EgressIpRetiredEvent retired -> retired.address();
            default -> null;
        });
    }
}
