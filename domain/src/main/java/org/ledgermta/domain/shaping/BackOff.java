package org.ledgermta.domain.shaping;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.ledgermta.domain.provider.BackOffRule;
import org.ledgermta.domain.provider.ProviderName;

/**
 * A provider's "slow down" being obeyed: from startedAt, ratePerMinute messages a minute for one step, twice that
 * for the next, four times for the one after, and so on; after the last step the provider's shaping applies again.
 * Doubling rather than jumping back lets the provider say "slow down" again before the full rate returns.
 *
 * @param ratePerMinute the rate during the first step
 * @param steps how many steps, each stepDuration long
 */
public record BackOff(ProviderName provider, Instant startedAt, int ratePerMinute, Duration stepDuration,
        int steps) {

    public BackOff {
        Objects.requireNonNull(provider, "provider is required");
        Objects.requireNonNull(startedAt, "start is required");
        BackOffRule.checkPace(ratePerMinute, stepDuration, steps);
    }

    public static BackOff start(BackOffRule rule, Instant at) {
        Objects.requireNonNull(rule, "rule is required");
        return new BackOff(rule.provider(), at, rule.ratePerMinute(), rule.stepDuration(), rule.steps());
    }

    public Instant endsAt() {
        return startedAt.plus(stepDuration.multipliedBy(steps));
    }

    public boolean activeAt(Instant now) {
        return !now.isBefore(startedAt) && now.isBefore(endsAt());
    }

    /** The step in force at that instant, counted from 1; 0 before the start and after the end. */
    public int stepAt(Instant now) {
        if (!activeAt(now)) {
            return 0;
        }
        return (int) Duration.between(startedAt, now).dividedBy(stepDuration) + 1;
    }

    /**
     * The rate the back-off allows at that instant. Before the start and after the end it limits nothing, and says
     * so with Integer.MAX_VALUE, so that the lower of this and the shaping's limit is always the one to apply.
     */
    public int ratePerMinuteAt(Instant now) {
        int step = stepAt(now);
        return step == 0 ? Integer.MAX_VALUE : ratePerMinute << (step - 1);
    }

    /**
     * When the rate next changes after that instant: the start, the next step, or the end. Instant.MAX once it has
     * ended, as nothing changes any more.
     */
    public Instant nextChangeAfter(Instant now) {
        if (now.isBefore(startedAt)) {
            return startedAt;
        }
        if (!activeAt(now)) {
            return Instant.MAX;
        }
        return startedAt.plus(stepDuration.multipliedBy(stepAt(now)));
    }
}
