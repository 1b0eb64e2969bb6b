package org.ledgermta.projections.history;

import java.time.Instant;
import java.util.List;

/**
 * One egress IP as the pool view described it at some instant. {@code state} is ACTIVE, BLACKLISTED or RETIRED;
 * {@code lastBlock} is the block list and reply that last took it out (kept after a reinstatement, as in the
 * view); {@code since} is the time the last change gave for itself; {@code warmUpPlan} the plan's text then
 * ("none": seasoned); {@code backedOffTowards} the providers it was backed off towards then, in name order.
 */
public record EgressIpState(String address, String pool, String heloName, String state, String lastBlock,
                            Instant since, String warmUpPlan, List<String> backedOffTowards) {

    public EgressIpState {
        backedOffTowards = List.copyOf(backedOffTowards);
    }

    /** A seasoned IP (plan "none") backed off towards nobody. */
    public EgressIpState(String address, String pool, String heloName, String state, String lastBlock, Instant since) {
        this(address, pool, heloName, state, lastBlock, since, "none", List.of());
    }
}
