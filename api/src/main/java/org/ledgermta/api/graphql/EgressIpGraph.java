package org.ledgermta.api.graphql;

import java.util.List;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.projections.egress.EgressPool;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** The egress pool, operator only: it is shared by every account and tells nothing about any one of them. */
@Controller
class EgressIpGraph {

    private final EgressPool pool;
    private final LedgerStreams ledger;

    EgressIpGraph(EgressPool pool, LedgerStreams ledger) {
        this.pool = pool;
        this.ledger = ledger;
    }

    @QueryMapping
    List<EgressIpNode> egressIps(@ContextValue(name = Caller.ATTRIBUTE) Caller caller) {
        caller.requireOperator();
        return pool.all().stream().map(EgressIpNode::of).toList();
    }

    @QueryMapping
    EgressIpNode egressIp(@Argument String address, @ContextValue(name = Caller.ATTRIBUTE) Caller caller) {
        caller.requireOperator();
        return pool.find(new EgressIpAddress(address.strip())).map(EgressIpNode::of).orElse(null);
    }

    @SchemaMapping(typeName = "EgressIp")
    List<LedgerStreams.EgressIpChange> history(EgressIpNode ip) {
        return ledger.egressIpChanges(ip.address());
    }
}
