package org.ledgermta.api.graphql;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.ledgermta.api.delivery.OperatorActions;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.projections.egress.EgressPool;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/**
 * The operator's actions, the same commands as the REST endpoints of OperatorController. The views are
 * updated by subscribing processors inside each command's unit of work, so the answer, read from the view
 * once the command returns, already shows the action's effect.
 */
@Controller
class OperatorMutations {

    private final OperatorActions actions;
    private final EgressPool pool;
    private final QueueSearch queue;

    OperatorMutations(OperatorActions actions, EgressPool pool, QueueSearch queue) {
        this.actions = actions;
        this.pool = pool;
        this.queue = queue;
    }

    @MutationMapping
    EgressIpNode reinstateEgressIp(@Argument String address, @Argument String by, @Argument String note,
                                   @ContextValue(name = Caller.ATTRIBUTE) Caller caller) {
        caller.requireOperator();
        EgressIpAddress ip = new EgressIpAddress(address.strip());
        actions.reinstate(ip, by, note);
        return egressIp(ip);
    }

    @MutationMapping
    EgressIpNode setWarmUpPlan(@Argument String address, @Argument String plan, @Argument String startedOn,
                               @Argument String by, @Argument String note,
                               @ContextValue(name = Caller.ATTRIBUTE) Caller caller) {
        caller.requireOperator();
        EgressIpAddress ip = new EgressIpAddress(address.strip());
        LocalDate from;
        try {
            from = startedOn == null || startedOn.isBlank() ? null : LocalDate.parse(startedOn.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("startedOn '" + startedOn + "' is not a day: write yyyy-mm-dd.");
        }
        actions.changeWarmUpPlan(ip, plan, from, by, note);
        return egressIp(ip);
    }

    @MutationMapping
    EgressIpNode retireEgressIp(@Argument String address, @Argument String by, @Argument String note,
                                @ContextValue(name = Caller.ATTRIBUTE) Caller caller) {
        caller.requireOperator();
        EgressIpAddress ip = new EgressIpAddress(address.strip());
        actions.retire(ip, by, note);
        return egressIp(ip);
    }

    @MutationMapping
    MessageNode retryMessage(@Argument String id, @ContextValue(name = Caller.ATTRIBUTE) Caller caller) {
        caller.requireOperator();
        MessageId message = MessageId.of(id.strip());
        actions.retryNow(message);
        return message(message);
    }

    @MutationMapping
    MessageNode holdMessage(@Argument String id, @Argument String by, @Argument String note,
                            @ContextValue(name = Caller.ATTRIBUTE) Caller caller) {
        caller.requireOperator();
        MessageId message = MessageId.of(id.strip());
        actions.hold(message, by, note);
        return message(message);
    }

    @MutationMapping
    MessageNode releaseMessage(@Argument String id, @Argument String by,
                               @ContextValue(name = Caller.ATTRIBUTE) Caller caller) {
        caller.requireOperator();
        MessageId message = MessageId.of(id.strip());
        actions.release(message, by);
        return message(message);
    }

    @MutationMapping
    MessageNode deleteMessage(@Argument String id, @Argument String by, @Argument String note,
                              @ContextValue(name = Caller.ATTRIBUTE) Caller caller) {
        caller.requireOperator();
        MessageId message = MessageId.of(id.strip());
        actions.delete(message, by, note);
        return message(message);
    }

    private EgressIpNode egressIp(EgressIpAddress ip) {
        return pool.find(ip).map(EgressIpNode::of).orElseThrow(() -> new IllegalStateException(
                "Egress IP " + ip + " changed in the ledger but is not in the pool view"));
    }

    private MessageNode message(MessageId id) {
        return queue.find(id).orElseThrow(() -> new IllegalStateException(
                "Message " + id + " changed in the ledger but is not in the queue view"));
    }
}
