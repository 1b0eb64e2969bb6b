package org.ledgermta.projections.egress;

import java.time.Instant;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.egress.EgressIpHealth;
import org.ledgermta.domain.egress.PoolName;

/** One egress IP as the pool sees it now. {@code lastBlock} is the reply that took it out, if any. */
public record EgressIpView(EgressIpAddress address, PoolName pool, String heloName, State state, String lastBlock,
                           Instant since) {

    public enum State { ACTIVE, BLACKLISTED, RETIRED }

    public EgressIpHealth health() {
        return new EgressIpHealth(address, state == State.ACTIVE);
    }

    EgressIpView with(State newState, String block, Instant at) {
        return new EgressIpView(address, pool, heloName, newState, block, at);
    }
}
