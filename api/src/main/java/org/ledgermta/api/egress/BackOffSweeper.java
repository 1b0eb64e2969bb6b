package org.ledgermta.api.egress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.ledgermta.domain.egress.EndEgressIpBackOffCommand;
import org.ledgermta.projections.egress.EgressIpView;
import org.ledgermta.projections.egress.EgressPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Records the end of every back-off whose time is up. Its state is the pool view, which the ledger keeps, so a
 * back-off that ended while the service was down is recorded at the next start; the command is a no-op for a
 * back-off that another node ended first or that started again.
 */
final class BackOffSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackOffSweeper.class);

    private final EgressPool pool;
    private final CommandGateway commands;
    private final Clock clock;
    private final Duration interval;
    private ScheduledExecutorService timer;

    BackOffSweeper(EgressPool pool, CommandGateway commands, Clock clock, Duration interval) {
        this.pool = pool;
        this.commands = commands;
        this.clock = clock;
        this.interval = interval;
    }

    void sweep() {
        Instant now = clock.instant();
        for (EgressIpView ip : pool.all()) {
            for (EgressIpView.RunningBackOff running : ip.backOffs()) {
                if (!now.isBefore(running.backOff().endsAt())) {
                    try {
                        commands.sendAndWait(new EndEgressIpBackOffCommand(ip.address(), running.backOff().provider(),
                                now));
                    } catch (RuntimeException e) {
                        log.warn("the end of {}'s back-off towards {} could not be recorded yet: {}", ip.address(),
                                running.backOff().provider(), e.toString());
                    }
                }
            }
        }
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(task -> Thread.ofPlatform().daemon()
                .name("back-off-sweeper").unstarted(task));
        timer.scheduleWithFixedDelay(this::sweep, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        timer.shutdownNow();
        timer = null;
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }

    /** With the dispatcher: after the ledger and the views. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }
}
