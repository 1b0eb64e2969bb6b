package org.ledgermta.api.delivery;

import java.time.Clock;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.ledgermta.domain.egress.AddEgressIpCommand;
import org.ledgermta.domain.egress.PoolName;
import org.ledgermta.projections.egress.EgressPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Puts the configured egress IPs in the pool: each must be bindable on this host (else start-up stops,
 * naming the IP and the reason), and each new one is recorded in the ledger (EgressIpAddedEvent). An IP
 * already in the ledger keeps its state: a blacklisted IP stays out until an operator reinstates it.
 */
final class EgressPoolSetup implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EgressPoolSetup.class);
    /** After Axon's processors and the account seeding; before the dispatcher and any listener. */
    static final int PHASE = Integer.MAX_VALUE - 2048;

    private final List<EgressIpSetting> settings;
    private final PoolName pool;
    private final EgressPool egressPool;
    private final CommandGateway commands;
    private final Clock clock;
    private volatile boolean running;

    EgressPoolSetup(List<EgressIpSetting> settings, PoolName pool, EgressPool egressPool, CommandGateway commands,
                    Clock clock) {
        this.settings = settings;
        this.pool = pool;
        this.egressPool = egressPool;
        this.commands = commands;
        this.clock = clock;
    }

    @Override
    public void start() {
        for (EgressIpSetting setting : settings) {
            setting.whyNotBindable().ifPresent(reason -> {
                throw new IllegalStateException("mta.egress.ips: " + setting.address().value()
                        + " cannot be used on this host: " + reason + " (is the address configured on an interface?)");
            });
        }
        for (EgressIpSetting setting : settings) {
            if (egressPool.find(setting.address()).isEmpty()) {
                commands.sendAndWait(new AddEgressIpCommand(setting.address(), pool, setting.heloName(), clock.instant()));
            }
        }
        log.info("egress pool: {}", egressPool.all());
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
