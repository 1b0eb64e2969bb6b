package org.ledgermta.api.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.ledgermta.api.egress.WarmUpSettings;
import org.ledgermta.domain.egress.ChangeEgressIpWarmUpPlanCommand;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.egress.ReinstateEgressIpCommand;
import org.ledgermta.domain.egress.RetireEgressIpCommand;
import org.ledgermta.domain.message.DeleteMessageCommand;
import org.ledgermta.domain.message.HoldMessageCommand;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.ReleaseMessageCommand;
import org.ledgermta.domain.message.ScheduleDeliveryRetryCommand;
import org.ledgermta.projections.egress.EgressIpView;
import org.ledgermta.projections.egress.EgressPool;

/**
 * The operator's actions on the pool and the queue, each one command in the ledger, whichever door they
 * come through (REST, GraphQL, the CLI). {@code by} and {@code note} may be blank: the ledger then
 * records "operator" and a default note.
 */
public final class OperatorActions {

    private static final String OPERATOR = "operator";

    private final CommandGateway commands;
    private final EgressPool pool;
    private final WarmUpSettings warmUp;
    private final Clock clock;

    public OperatorActions(CommandGateway commands, EgressPool pool, WarmUpSettings warmUp, Clock clock) {
        this.commands = commands;
        this.pool = pool;
        this.warmUp = warmUp;
        this.clock = clock;
    }

    /**
     * Gives an IP another warm-up plan: "standard", "none", a name of mta.warm-up.plans or a plan's text, counted
     * from {@code startedOn} (null: the day its present plan counts from, so a gentler plan does not restart it).
     */
    public void changeWarmUpPlan(EgressIpAddress ip, String plan, LocalDate startedOn, String by, String note) {
        if (plan == null || plan.isBlank()) {
            throw new IllegalArgumentException("A warm-up plan is required: standard, none, the name of one of"
                    + " mta.warm-up.plans, or a plan's text such as 0d=50,4d=100,8d=unlimited.");
        }
        LocalDate from = startedOn != null ? startedOn : pool.find(ip).map(EgressIpView::warmUpStartedOn)
                .orElseThrow(() -> new IllegalArgumentException("Egress IP " + ip + " is not in the pool."));
        commands.sendAndWait(new ChangeEgressIpWarmUpPlanCommand(ip, warmUp.resolve(plan), from, or(by, OPERATOR),
                or(note, ""), clock.instant()));
    }

    public void reinstate(EgressIpAddress ip, String by, String note) {
        commands.sendAndWait(new ReinstateEgressIpCommand(ip, or(by, OPERATOR), or(note, ""), clock.instant()));
    }

    public void retire(EgressIpAddress ip, String by, String note) {
        commands.sendAndWait(new RetireEgressIpCommand(ip, or(by, OPERATOR), or(note, ""), clock.instant()));
    }

    /** Due a millisecond from now: the ledger wants a retry after the moment it is scheduled. */
    public void retryNow(MessageId message) {
        Instant now = clock.instant();
        commands.sendAndWait(new ScheduleDeliveryRetryCommand(message, now.plusMillis(1), Set.of(), now));
    }

    public void hold(MessageId message, String by, String note) {
        commands.sendAndWait(new HoldMessageCommand(message, or(by, OPERATOR), or(note, "held by the operator"),
                clock.instant()));
    }

    public void release(MessageId message, String by) {
        commands.sendAndWait(new ReleaseMessageCommand(message, or(by, OPERATOR), clock.instant()));
    }

    public void delete(MessageId message, String by, String note) {
        commands.sendAndWait(new DeleteMessageCommand(message, or(by, OPERATOR), or(note, "deleted by the operator"),
                clock.instant()));
    }

    private static String or(String given, String fallback) {
        return given == null || given.isBlank() ? fallback : given;
    }
}
