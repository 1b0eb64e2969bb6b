package org.ledgermta.api.graphql;

import java.time.Instant;
import org.ledgermta.projections.egress.EgressIpView;

/** An egress IP as the pool view holds it, shaped as the schema's {@code EgressIp}. */
record EgressIpNode(String address, String pool, String heloName, EgressIpView.State state, boolean healthy,
                    String lastBlock, Instant since) {

    static EgressIpNode of(EgressIpView view) {
        return new EgressIpNode(view.address().value(), view.pool().value(), view.heloName(), view.state(),
                view.health().healthy(), view.lastBlock(), view.since());
    }
}
