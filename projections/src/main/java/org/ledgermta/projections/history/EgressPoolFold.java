package org.ledgermta.projections.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ledgermta.domain.egress.EgressIpAddedEvent;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.egress.EgressIpBackOffEndedEvent;
import org.ledgermta.domain.egress.EgressIpBackedOffEvent;
import org.ledgermta.domain.egress.EgressIpBlacklistedEvent;
import org.ledgermta.domain.egress.EgressIpReinstatedEvent;
import org.ledgermta.domain.egress.EgressIpRetiredEvent;
import org.ledgermta.domain.egress.EgressIpWarmUpPlanChangedEvent;

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
                    added.addedAt(), added.warmUpPlanOrNone(), List.of());
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
            case EgressIpWarmUpPlanChangedEvent changed -> new EgressIpState(state.address(), state.pool(),
                    state.heloName(), state.state(), state.lastBlock(), state.since(), changed.warmUpPlan(),
                    state.backedOffTowards());
            case EgressIpBackedOffEvent backedOff -> backOffs(state, backedOff.provider().value(), true);
            case EgressIpBackOffEndedEvent ended -> backOffs(state, ended.provider().value(), false);
            default -> state;
        };
    }

    private static EgressIpState with(EgressIpState state, String newState, String lastBlock, Instant since) {
        return new EgressIpState(state.address(), state.pool(), state.heloName(), newState, lastBlock, since,
                state.warmUpPlan(), state.backedOffTowards());
    }

    private static EgressIpState backOffs(EgressIpState state, String provider, boolean started) {
        TreeSet<String> providers = new TreeSet<>(state.backedOffTowards());
        if (started) {
            providers.add(provider);
        } else {
            providers.remove(provider);
        }
        return new EgressIpState(state.address(), state.pool(), state.heloName(), state.state(), state.lastBlock(),
                state.since(), state.warmUpPlan(), List.copyOf(providers));
    }

    private static Optional<EgressIpAddress> address(Object payload) {
        return Optional.ofNullable(switch (payload) {
            case EgressIpAddedEvent added -> added.address();
            case EgressIpBlacklistedEvent blacklisted -> blacklisted.address();
            case EgressIpReinstatedEvent reinstated -> reinstated.address();
            case EgressIpRetiredEvent retired -> retired.address();
            case EgressIpWarmUpPlanChangedEvent changed -> changed.address();
            case EgressIpBackedOffEvent backedOff -> backedOff.address();
            case EgressIpBackOffEndedEvent ended -> ended.address();
            default -> null;
        });
    }
}
