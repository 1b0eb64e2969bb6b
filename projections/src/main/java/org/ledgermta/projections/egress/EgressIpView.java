package org.ledgermta.projections.egress;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.egress.EgressIpHealth;
import org.ledgermta.domain.egress.PoolName;
import org.ledgermta.domain.provider.ProviderName;
import org.ledgermta.domain.shaping.BackOff;
import org.ledgermta.domain.warmup.WarmUpPlan;

/**
 * One egress IP as the pool sees it now. {@code lastBlock} is the reply that took it out, if any;
 * {@code warmUpPlan} the plan its daily caps come from, counted from {@code warmUpStartedOn}; {@code backOffs}
 * the back-offs running towards providers, with the reply that started each.
 */
public record EgressIpView(EgressIpAddress address, PoolName pool, String heloName, State state, String lastBlock,
                           Instant since, WarmUpPlan warmUpPlan, LocalDate warmUpStartedOn,
                           List<RunningBackOff> backOffs) {

    public enum State { ACTIVE, BLACKLISTED, RETIRED }

    /** A back-off and why it started. */
    public record RunningBackOff(BackOff backOff, String reply, String rule) {
    }

    public EgressIpView {
        backOffs = List.copyOf(backOffs);
    }

    public EgressIpHealth health() {
        return new EgressIpHealth(address, state == State.ACTIVE);
    }

    public Optional<BackOff> backOffTowards(ProviderName provider) {
        return backOffs.stream().map(RunningBackOff::backOff).filter(b -> b.provider().equals(provider)).findFirst();
    }

    EgressIpView with(State newState, String block, Instant at) {
        return new EgressIpView(address, pool, heloName, newState, block, at, warmUpPlan, warmUpStartedOn, backOffs);
    }

    EgressIpView withPlan(WarmUpPlan plan, LocalDate startedOn) {
        return new EgressIpView(address, pool, heloName, state, lastBlock, since, plan, startedOn, backOffs);
    }

    /** Replaces the back-off towards the same provider, if any. */
    EgressIpView withBackOff(RunningBackOff running) {
        Map<ProviderName, RunningBackOff> byProvider = byProvider();
        byProvider.put(running.backOff().provider(), running);
        return new EgressIpView(address, pool, heloName, state, lastBlock, since, warmUpPlan, warmUpStartedOn,
                List.copyOf(byProvider.values()));
    }

    EgressIpView withoutBackOff(ProviderName provider) {
        Map<ProviderName, RunningBackOff> byProvider = byProvider();
        byProvider.remove(provider);
        return new EgressIpView(address, pool, heloName, state, lastBlock, since, warmUpPlan, warmUpStartedOn,
                List.copyOf(byProvider.values()));
    }

    private Map<ProviderName, RunningBackOff> byProvider() {
        Map<ProviderName, RunningBackOff> byProvider = new LinkedHashMap<>();
        backOffs.forEach(running -> byProvider.put(running.backOff().provider(), running));
        return byProvider;
    }
}
