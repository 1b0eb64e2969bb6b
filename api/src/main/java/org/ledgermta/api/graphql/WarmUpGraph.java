package org.ledgermta.api.graphql;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ledgermta.delivery.limit.EgressCountersUnavailableException;
import org.ledgermta.delivery.limit.RedisEgressCounters;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.provider.ProviderName;
import org.ledgermta.domain.provider.Providers;
import org.ledgermta.domain.shaping.BackOff;
import org.ledgermta.domain.warmup.DailyCap;
import org.ledgermta.domain.warmup.WarmUpPlan;
import org.ledgermta.projections.egress.EgressIpView;
import org.ledgermta.projections.egress.EgressPool;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** An egress IP's warm-up plan, today's counts against its caps, and its running back-offs. */
@Controller
class WarmUpGraph {

    record WarmUpNode(String plan, String startedOn, int day, List<ProviderCapNode> today) {
    }

    record ProviderCapNode(String provider, Long sent, Long cap) {
    }

    record BackOffNode(String provider, Instant startedAt, Instant endsAt, int ratePerMinuteNow,
                       int firstRatePerMinute, long stepMinutes, int steps, String reply, String rule) {
    }

    private final EgressPool pool;
    private final Providers providers;
    private final RedisEgressCounters counters;
    private final Clock clock = Clock.systemUTC();

    WarmUpGraph(EgressPool pool, Providers providers, RedisEgressCounters counters) {
        this.pool = pool;
        this.providers = providers;
        this.counters = counters;
    }

    @SchemaMapping(typeName = "EgressIp")
    String warmUpStage(EgressIpNode ip) {
        EgressIpView view = view(ip);
        if (view.warmUpPlan().isNone()) {
            return "seasoned";
        }
        LocalDate today = today();
        long age = WarmUpPlan.ageInDays(view.warmUpStartedOn(), today);
        return "day " + (age + 1) + " of its warm-up plan: " + view.warmUpPlan().capFor(ProviderName.DEFAULT, age)
                .describe() + " to most providers";
    }

    @SchemaMapping(typeName = "EgressIp")
    WarmUpNode warmUp(EgressIpNode ip) {
        EgressIpView view = view(ip);
        LocalDate today = today();
        long age = WarmUpPlan.ageInDays(view.warmUpStartedOn(), today);
        Map<RedisEgressCounters.IpAndProvider, Long> sent;
        try {
            sent = counters.sentOn(today);
        } catch (EgressCountersUnavailableException e) {
            sent = null;
        }
        Set<ProviderName> shown = new LinkedHashSet<>(providers.names());
        if (sent != null) {
            sent.keySet().stream().filter(key -> key.ip().equals(view.address()))
                    .forEach(key -> shown.add(key.provider()));
        }
        Map<RedisEgressCounters.IpAndProvider, Long> counts = sent;
        List<ProviderCapNode> caps = shown.stream().map(provider -> new ProviderCapNode(provider.value(),
                counts == null ? null : counts.getOrDefault(new RedisEgressCounters.IpAndProvider(view.address(),
                        provider), 0L),
                view.warmUpPlan().capFor(provider, age) instanceof DailyCap.Limited limited ? limited.messages()
                        : null)).toList();
        return new WarmUpNode(view.warmUpPlan().text(), view.warmUpStartedOn().toString(), (int) age + 1, caps);
    }

    @SchemaMapping(typeName = "EgressIp")
    List<BackOffNode> backOffs(EgressIpNode ip) {
        Instant now = clock.instant();
        return view(ip).backOffs().stream().filter(running -> running.backOff().activeAt(now)).map(running -> {
            BackOff backOff = running.backOff();
            return new BackOffNode(backOff.provider().value(), backOff.startedAt(), backOff.endsAt(),
                    backOff.ratePerMinuteAt(now), backOff.ratePerMinute(), backOff.stepDuration().toMinutes(),
                    backOff.steps(), running.reply(), running.rule());
        }).toList();
    }

    private EgressIpView view(EgressIpNode ip) {
        return pool.find(new EgressIpAddress(ip.address())).orElseThrow();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
