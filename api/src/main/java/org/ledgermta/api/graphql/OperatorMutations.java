package org.ledgermta.api.graphql;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.egress.ReinstateEgressIpCommand;
import org.ledgermta.domain.egress.RetireEgressIpCommand;
import org.ledgermta.domain.message.DeleteMessageCommand;
import org.ledgermta.domain.message.HoldMessageCommand;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.ReleaseMessageCommand;
import org.ledgermta.domain.message.ScheduleDeliveryRetryCommand;
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

    private static final String OPERATOR = "operator";

    private final CommandGateway commands;
    private final EgressPool pool;
    private final QueueSearch queue;
    private final Clock clock = Clock.systemUTC();

    OperatorMutations(CommandGateway commands, EgressPool pool, QueueSearch queue) {
        this.commands = commands;
        this.pool = pool;
        this.queue = queue;
    }

    @MutationMapping
    EgressIpNode reinstateEgressIp(@Argument String address, @Argument String by, @Argument String note,
                                   @ContextValue(name = Caller.ATTRIBUTE) Caller caller) {
        caller.requireOperator();
        EgressIpAddress ip = new EgressIpAddress(address.strip());
        commands.sendAndWait(new ReinstateEgressIpCommand(ip, or(by, OPERATOR), or(note, ""), clock.instant()));
        return egressIp(ip);
    }

    @MutationMapping
    EgressIpNode retireEgressIp(@Argument String address, @Argument String by, @Argument String note,
                                @ContextValue(name = Caller.ATTRIBUTE) Caller caller) {
        caller.requireOperator();
        EgressIpAddress ip = new EgressIpAddress(address.strip());
        commands.sendAndWait(new RetireEgressIpCommand(ip, or(by, OPERATOR), or(note, ""), clock.instant()));
        return egressIp(ip);
    }

    @MutationMapping
    MessageNode retryMessage(@Argument String id, @ContextValue(name = Caller.ATTRIBUTE) Caller caller) {
        caller.requireOperator();
        MessageId message = MessageId.of(id.strip());
        Instant now = clock.instant();
        commands.sendAndWait(new ScheduleDeliveryRetryCommand(message, now.plusMillis(1), Set.of(), now));
        return message(message);
    }

    @MutationMapping
    MessageNode holdMessage(@Argument String id, @Argument String by, @Argument String note,
                            @ContextValue(name = Caller.ATTRIBUTE) Caller caller) {
        caller.requireOperator();
        MessageId message = MessageId.of(id.strip());
        commands.sendAndWait(new HoldMessageCommand(message, or(by, OPERATOR), or(note, "held by the operator"),
                clock.instant()));
        return message(message);
    }

    @MutationMapping
    MessageNode releaseMessage(@Argument String id, @Argument String by,
                               @ContextValue(name = Caller.ATTRIBUTE) Caller caller) {
        caller.requireOperator();
        MessageId message = MessageId.of(id.strip());
        commands.sendAndWait(new ReleaseMessageCommand(message, or(by, OPERATOR), clock.instant()));
        return message(message);
    }

    @MutationMapping
    MessageNode deleteMessage(@Argument String id, @Argument String by, @Argument String note,
                              @ContextValue(name = Caller.ATTRIBUTE) Caller caller) {
        caller.requireOperator();
        MessageId message = MessageId.of(id.strip());
        commands.sendAndWait(new DeleteMessageCommand(message, or(by, OPERATOR), or(note, "deleted by the operator"),
                clock.instant()));
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

    private static String or(String given, String fallback) {
        return given == null || given.isBlank() ? fallback : given;
    }
}
