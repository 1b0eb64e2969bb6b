package org.ledgermta.api.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.ledgermta.api.egress.WarmUpSettings;
import org.ledgermta.domain.egress.AddEgressIpCommand;
import org.ledgermta.domain.egress.ChangeEgressIpWarmUpPlanCommand;
import org.ledgermta.domain.egress.PoolName;
import org.ledgermta.projections.egress.EgressIpView;
import org.ledgermta.projections.egress.EgressPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Puts the configured egress IPs in the pool: each must be bindable on this host (else start-up stops,
 * naming the IP and the reason), and each new one is recorded in the ledger (EgressIpAddedEvent) with its
 * warm-up plan: mta.warm-up.ips's for it, else mta.warm-up.default-plan. An IP already in the ledger keeps its
 * state (a blacklisted IP stays out until an operator reinstates it) and its plan, unless mta.warm-up.ips
 * names one for it that differs from the ledger's.
 */
final class EgressPoolSetup implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EgressPoolSetup.class);
    /** After Axon's processors and the account seeding; before the dispatcher and any listener. */
    static final int PHASE = Integer.MAX_VALUE - 2048;

    private final List<EgressIpSetting> settings;
    private final WarmUpSettings warmUp;
    private final PoolName pool;
    private final EgressPool egressPool;
    private final CommandGateway commands;
    private final Clock clock;
    private volatile boolean running;

    EgressPoolSetup(List<EgressIpSetting> settings, WarmUpSettings warmUp, PoolName pool, EgressPool egressPool,
                    CommandGateway commands, Clock clock) {
        this.settings = settings;
        this.warmUp = warmUp;
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
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (EgressIpSetting setting : settings) {
            Optional<WarmUpSettings.IpPlan> configured = warmUp.planOf(setting.address());
            Optional<EgressIpView> known = egressPool.find(setting.address());
            if (known.isEmpty()) {
                commands.sendAndWait(new AddEgressIpCommand(setting.address(), pool, setting.heloName(), now,
                        configured.map(WarmUpSettings.IpPlan::plan).orElse(warmUp.defaultPlan()),
                        configured.flatMap(WarmUpSettings.IpPlan::startedOn).orElse(today)));
            } else if (configured.isPresent() && known.get().state() != EgressIpView.State.RETIRED) {
                // the aggregate records a change only when the plan or its start day differ from the ledger's
                commands.sendAndWait(new ChangeEgressIpWarmUpPlanCommand(setting.address(), configured.get().plan(),
                        configured.get().startedOn().orElse(known.get().warmUpStartedOn()), "configuration",
                        "mta.warm-up.ips", now));
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
