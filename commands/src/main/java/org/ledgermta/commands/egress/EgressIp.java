package org.ledgermta.commands.egress;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.ledgermta.domain.CommandRefusedException;
import org.ledgermta.domain.egress.AddEgressIpCommand;
import org.ledgermta.domain.egress.BackOffEgressIpCommand;
import org.ledgermta.domain.egress.BlacklistEgressIpCommand;
import org.ledgermta.domain.egress.ChangeEgressIpWarmUpPlanCommand;
import org.ledgermta.domain.egress.EgressIpBackOffEndedEvent;
import org.ledgermta.domain.egress.EgressIpBackedOffEvent;
import org.ledgermta.domain.egress.EgressIpWarmUpPlanChangedEvent;
import org.ledgermta.domain.egress.EndEgressIpBackOffCommand;
import org.ledgermta.domain.egress.EgressIpAddedEvent;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.egress.EgressIpBlacklistedEvent;
import org.ledgermta.domain.egress.EgressIpReinstatedEvent;
import org.ledgermta.domain.egress.EgressIpRetiredEvent;
import org.ledgermta.domain.egress.PoolName;
import org.ledgermta.domain.egress.ReinstateEgressIpCommand;
import org.ledgermta.domain.egress.RetireEgressIpCommand;
import org.ledgermta.domain.warmup.WarmUpPlan;

/** One source address of the relay and whether deliveries may use it. */
public class EgressIp {

    @AggregateIdentifier
    private EgressIpAddress address;
    private PoolName pool;
    private Instant addedAt;
    private EgressIpState state;
    private Instant stateSince;
    private String warmUpPlan;
    private LocalDate warmUpStartedOn;
    // Running back-offs by provider name: when each started, when its first step ends, when it ends.
    private Map<String, Instant> backOffStarted = new HashMap<>();
    private Map<String, Instant> backOffFirstStepEnds = new HashMap<>();
    private Map<String, Instant> backOffEnds = new HashMap<>();

    // Axon creates the aggregate with this constructor, then sources it from events or hands it the add.
    public EgressIp() {
    }

    // CREATE_IF_MISSING so that adding an address twice (configuration applied again at start-up) is a
    // refusal the caller can recognise, not an event store key violation.
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(AddEgressIpCommand command) {
        if (address != null) {
            throw refused("Egress IP " + address + " was already added at " + addedAt + " to pool " + pool + ".");
        }
        apply(new EgressIpAddedEvent(command.address(), command.pool(), command.heloName(), command.addedAt(),
                validPlan(command.address(), command.warmUpPlan()), command.warmUpStartedOn()));
    }

    @CommandHandler
    void handle(ChangeEgressIpWarmUpPlanCommand command) {
        if (state == EgressIpState.RETIRED) {
            throw refused("Egress IP " + address + " was retired at " + stateSince + "; it has no warm-up plan.");
        }
        String plan = validPlan(address, command.warmUpPlan());
        if (plan.equals(warmUpPlan) && command.startedOn().equals(warmUpStartedOn)) {
            return; // configuration applied again at start-up: nothing changed
        }
        apply(new EgressIpWarmUpPlanChangedEvent(address, plan, command.startedOn(), command.by(), command.note(),
                command.at()));
    }

    /**
     * A back-off starts unless one towards that provider is still in its first (slowest) step: several
     * deliveries report the same reply at once, and only the first is the fact. Later in the back-off, the
     * provider asking again starts it over.
     */
    @CommandHandler
    void handle(BackOffEgressIpCommand command) {
        if (state != EgressIpState.ACTIVE) {
            return; // out of the pool anyway: nothing goes out from it to slow down
        }
        Instant firstStepEnds = backOffFirstStepEnds.get(command.provider().value());
        if (firstStepEnds != null && command.at().isBefore(firstStepEnds)) {
            return;
        }
        apply(new EgressIpBackedOffEvent(address, command.provider(), command.reply(), command.rule(),
                command.ratePerMinute(), command.stepDuration(), command.steps(), command.detectedInMessage(),
                command.at()));
    }

    @CommandHandler
    void handle(EndEgressIpBackOffCommand command) {
        String provider = command.provider().value();
        Instant endsAt = backOffEnds.get(provider);
        if (endsAt == null || command.at().isBefore(endsAt)) {
            return; // none running, or restarted since the caller looked: it ends later, with its own event
        }
        apply(new EgressIpBackOffEndedEvent(address, command.provider(), backOffStarted.get(provider), command.at()));
    }

    @CommandHandler
    void handle(BlacklistEgressIpCommand command) {
        switch (state) {
            case RETIRED -> throw refused("Egress IP " + address + " was retired at " + stateSince
                    + "; a retired IP is not blacklisted.");
            // Several deliveries from the same IP run at once and each reports the same block; the first
            // report is the fact, the rest are no-ops so their delivery attempts still record normally.
            case BLACKLISTED -> {
            }
            case ACTIVE -> apply(new EgressIpBlacklistedEvent(address, command.detectedInMessage(),
                    command.attemptNumber(), command.blockList(), command.reply(), command.at()));
        }
    }

    @CommandHandler
    void handle(ReinstateEgressIpCommand command) {
        if (state != EgressIpState.BLACKLISTED) {
            throw refused("Egress IP " + address + " is " + state + " since " + stateSince
                    + ", not blacklisted; only a blacklisted IP is reinstated.");
        }
        apply(new EgressIpReinstatedEvent(address, command.by(), command.note(), command.at()));
    }

    @CommandHandler
    void handle(RetireEgressIpCommand command) {
        if (state == EgressIpState.RETIRED) {
            throw refused("Egress IP " + address + " was already retired at " + stateSince + ".");
        }
        apply(new EgressIpRetiredEvent(address, command.by(), command.note(), command.at()));
    }

    @EventSourcingHandler
    void on(EgressIpAddedEvent event) {
        address = event.address();
        pool = event.pool();
        addedAt = event.addedAt();
        state = EgressIpState.ACTIVE;
        stateSince = event.addedAt();
        warmUpPlan = event.warmUpPlanOrNone();
        warmUpStartedOn = event.warmUpStartedOnOrAdded();
    }

    @EventSourcingHandler
    void on(EgressIpWarmUpPlanChangedEvent event) {
        warmUpPlan = event.warmUpPlan();
        warmUpStartedOn = event.startedOn();
    }

    @EventSourcingHandler
    void on(EgressIpBackedOffEvent event) {
        String provider = event.provider().value();
        backOffStarted.put(provider, event.startedAt());
        backOffFirstStepEnds.put(provider, event.startedAt().plus(event.stepDuration()));
        backOffEnds.put(provider, event.endsAt());
    }

    @EventSourcingHandler
    void on(EgressIpBackOffEndedEvent event) {
        String provider = event.provider().value();
        backOffStarted.remove(provider);
        backOffFirstStepEnds.remove(provider);
        backOffEnds.remove(provider);
    }

    @EventSourcingHandler
    void on(EgressIpBlacklistedEvent event) {
        state = EgressIpState.BLACKLISTED;
        stateSince = event.blacklistedAt();
    }

    @EventSourcingHandler
    void on(EgressIpReinstatedEvent event) {
        state = EgressIpState.ACTIVE;
        stateSince = event.reinstatedAt();
    }

    @EventSourcingHandler
    void on(EgressIpRetiredEvent event) {
        state = EgressIpState.RETIRED;
        stateSince = event.retiredAt();
    }

    private static String validPlan(EgressIpAddress address, String text) {
        try {
            return WarmUpPlan.parse(text).text();
        } catch (IllegalArgumentException e) {
            throw new CommandRefusedException(address.value(), "The warm-up plan '" + text + "' for egress IP "
                    + address + " is not valid: " + e.getMessage());
        }
    }

    private CommandRefusedException refused(String reason) {
        return new CommandRefusedException(address.value(), reason);
    }

    // Snapshot accessors: see OutboundMessage for why Jackson needs them. Nothing else reads them.

    public EgressIpAddress getAddress() {
        return address;
    }

    public PoolName getPool() {
        return pool;
    }

    public Instant getAddedAt() {
        return addedAt;
    }

    public EgressIpState getState() {
        return state;
    }

    public Instant getStateSince() {
        return stateSince;
    }

    public String getWarmUpPlan() {
        return warmUpPlan;
    }

    public LocalDate getWarmUpStartedOn() {
        return warmUpStartedOn;
    }

    public Map<String, Instant> getBackOffStarted() {
        return Collections.unmodifiableMap(backOffStarted);
    }

    public Map<String, Instant> getBackOffFirstStepEnds() {
        return Collections.unmodifiableMap(backOffFirstStepEnds);
    }

    public Map<String, Instant> getBackOffEnds() {
        return Collections.unmodifiableMap(backOffEnds);
    }
}
