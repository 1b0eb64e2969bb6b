package org.ledgermta.commands.egress;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.ledgermta.domain.CommandRefusedException;
import org.ledgermta.domain.egress.AddEgressIpCommand;
import org.ledgermta.domain.egress.BlacklistEgressIpCommand;
import org.ledgermta.domain.egress.EgressIpAddedEvent;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.egress.EgressIpBlacklistedEvent;
import org.ledgermta.domain.egress.EgressIpReinstatedEvent;
import org.ledgermta.domain.egress.EgressIpRetiredEvent;
import org.ledgermta.domain.egress.PoolName;
import org.ledgermta.domain.egress.ReinstateEgressIpCommand;
import org.ledgermta.domain.egress.RetireEgressIpCommand;

/** One source address of the relay and whether deliveries may use it. */
public class EgressIp {

    @AggregateIdentifier
    private EgressIpAddress address;
    private PoolName pool;
    private Instant addedAt;
    private EgressIpState state;
    private Instant stateSince;

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
        apply(new EgressIpAddedEvent(command.address(), command.pool(), command.heloName(), command.addedAt()));
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
}
