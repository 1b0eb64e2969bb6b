package org.ledgermta.api.egress;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.ledgermta.delivery.limit.EgressCountersUnavailableException;
import org.ledgermta.delivery.limit.RedisEgressCounters;
import org.ledgermta.delivery.limit.RedisEgressCounters.IpAndProvider;
import org.ledgermta.delivery.limit.RedisEgressCounters.Reservation;
import org.ledgermta.domain.egress.EgressChoice;
import org.ledgermta.domain.egress.EgressDecision;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.egress.EgressIpHealth;
import org.ledgermta.domain.provider.ProviderName;
import org.ledgermta.domain.provider.Providers;
import org.ledgermta.domain.provider.Shaping;
import org.ledgermta.domain.shaping.BackOff;
import org.ledgermta.domain.shaping.MinuteRate;
import org.ledgermta.domain.warmup.DailyCap;
import org.ledgermta.domain.warmup.WarmUpPlan;
import org.ledgermta.projections.egress.EgressIpView;
import org.ledgermta.projections.egress.EgressPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which egress IP may carry the next message to a provider, now. The pick is {@link EgressChoice}'s (random,
 * an IP not yet tried for the message first); an IP is then passed over when it has as many transactions open
 * to the provider as the provider's shaping allows, has sent its warm-up plan's cap for today, or has sent this
 * minute's rate (lowered while backed off). Cap and rate are counted in Redis ({@link RedisEgressCounters}),
 * shared by every node; when the day's counts are missing there they are rebuilt from the ledger first.
 *
 * <p>When no IP may send, the answer says why: {@link Pass.Held} when an IP was held back by its cap or a
 * back-off (the message waits, and the queue view shows the reason), {@link Pass.Busy} when the IPs are only
 * busy or at their normal rate (a moment's wait, nothing to record).
 */
public final class EgressGate {

    private static final Logger log = LoggerFactory.getLogger(EgressGate.class);

    /** The gate's answer. */
    public sealed interface Pass {
        /** Send from {@code ip}; hand the permit back once the attempt is recorded (or did not happen). */
        record Granted(EgressIpAddress ip, Permit permit) implements Pass {
        }

        /** No IP is healthy: wait until one is added or reinstated. */
        record NoHealthyIp() implements Pass {
        }

        /** Every healthy IP is held back by a warm-up cap or a back-off; try again at {@code retryAt}. */
        record Held(String reason, Instant retryAt) implements Pass {
        }

        /** Every healthy IP is busy or at its normal rate for now; try again at {@code retryAt}. */
        record Busy(String reason, Instant retryAt) implements Pass {
        }
    }

    private final EgressPool pool;
    private final Providers providers;
    private final RedisEgressCounters counters;
    private final SentCountsFromLedger ledger;
    private final Supplier<RandomGenerator> random;
    private final ConnectionSlots slots = new ConnectionSlots();
    // Reserved in Redis but not yet in the ledger, on this node: added to the ledger's counts by a rebuild, so
    // that a flush during a transaction does not give its place away twice. Recording an attempt (the ledger
    // write, then leaving this map) holds the read lock; a rebuild holds the write lock while it reads both, so
    // each attempt is counted exactly once: in flight, or in the ledger.
    private final Map<IpAndProvider, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final ReadWriteLock recording = new ReentrantReadWriteLock();

    EgressGate(EgressPool pool, Providers providers, RedisEgressCounters counters, SentCountsFromLedger ledger,
                      Supplier<RandomGenerator> random) {
        this.pool = pool;
        this.providers = providers;
        this.counters = counters;
        this.ledger = ledger;
        this.random = random;
    }

    public Providers providers() {
        return providers;
    }

    public boolean anyHealthyIp() {
        return pool.health().stream().anyMatch(EgressIpHealth::healthy);
    }

    /** {@code mxHost}: the MX host the message goes to, which {@code provider} is the provider of. */
    public Pass acquire(ProviderName provider, String mxHost, Set<EgressIpAddress> tried, Instant now) {
        Shaping shaping = providers.shaping(provider);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Set<EgressIpAddress> passedOver = new HashSet<>();
        List<String> reasons = new ArrayList<>();
        Instant retryAt = null;
        boolean held = false;
        while (true) {
            EgressDecision decision = EgressChoice.choose(candidates(passedOver), tried, random.get());
            if (!(decision instanceof EgressDecision.UseIp use)) {
                if (passedOver.isEmpty()) {
                    return new Pass.NoHealthyIp();
                }
                String reason = provider + ": no egress IP may send now: " + String.join("; ", reasons);
                return held ? new Pass.Held(reason, retryAt) : new Pass.Busy(reason, retryAt);
            }
            EgressIpAddress ip = use.ip();
            IpAndProvider key = new IpAndProvider(ip, provider);
            ConnectionSlots.Key slot = new ConnectionSlots.Key(ip, provider.equals(ProviderName.DEFAULT)
                    ? "mx " + mxHost.toLowerCase(Locale.ROOT) : provider.value());
            passedOver.add(ip);
            if (!slots.tryTake(slot, shaping.maxConnections())) {
                reasons.add(ip + " has " + shaping.maxConnections() + " transactions open to " + provider);
                retryAt = earliest(retryAt, now.plusMillis(200));
                continue;
            }
            Limits limits = limits(ip, provider, shaping, today, now);
            Reservation reservation = reserve(key, today, now, limits);
            switch (reservation) {
                case Reservation.Reserved reserved -> {
                    inFlight.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                    return new Pass.Granted(ip, new Permit(key, slot, today, now, true));
                }
                case Reservation.DailyCapReached reached -> {
                    held = true;
                    reasons.add(ip + " has sent today's warm-up cap of " + limits.dailyCap() + " to " + provider
                            + " (day " + limits.planDay() + " of its plan)");
                    retryAt = earliest(retryAt, today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
                }
                case Reservation.MinuteRateReached reached -> {
                    held |= limits.backOff().isPresent();
                    reasons.add(limits.backOff().map(backOff -> ip + " is backed off towards " + provider + " since "
                            + backOff.startedAt() + " and has sent its " + limits.perMinute() + " a minute")
                            .orElse(ip + " has sent its " + limits.perMinute() + " a minute to " + provider));
                    retryAt = earliest(retryAt, MinuteRate.nextWindow(now));
                }
                case Reservation.Unavailable unavailable -> {
                    if (limits.none()) {
                        // nothing limits this IP towards this provider: send uncounted rather than stop the mail
                        log.warn("egress counters unavailable, {} sends to {} uncounted: {}", ip, provider,
                                unavailable.reason());
                        return new Pass.Granted(ip, new Permit(key, slot, today, now, false));
                    }
                    held = true;
                    reasons.add(ip + "'s warm-up counts cannot be checked: " + unavailable.reason());
                    retryAt = earliest(retryAt, now.plusSeconds(30));
                }
                case Reservation.NeedsRebuild needed -> throw new IllegalStateException("rebuilt, and still not built");
            }
            slots.giveBack(slot);
        }
    }

    /** Taken for one attempt: give it back exactly once. */
    public final class Permit {
        private final IpAndProvider key;
        private final ConnectionSlots.Key slot;
        private final LocalDate day;
        private final Instant reservedAt;
        private final boolean counted;
        private boolean returned;

        private Permit(IpAndProvider key, ConnectionSlots.Key slot, LocalDate day, Instant reservedAt,
                       boolean counted) {
            this.key = key;
            this.slot = slot;
            this.day = day;
            this.reservedAt = reservedAt;
            this.counted = counted;
        }

        /** Records the attempt in the ledger ({@code record}), which from then on counts it instead of this permit. */
        public void recordAttempt(Runnable record) {
            recording.readLock().lock();
            try {
                record.run();
                giveBack(false);
            } finally {
                recording.readLock().unlock();
            }
        }

        /** No attempt was recorded after all: the place is given back. */
        public void notAttempted() {
            giveBack(true);
        }

        private void giveBack(boolean release) {
            if (returned) {
                return;
            }
            returned = true;
            slots.giveBack(slot);
            if (counted) {
                inFlight.get(key).decrementAndGet();
                if (release) {
                    counters.release(key.ip(), key.provider(), day, reservedAt);
                }
            }
        }
    }

    /** {@code planDay} counts from 1, as the operator reads it. */
    private record Limits(long dailyCap, long perMinute, long planDay, Optional<BackOff> backOff) {
        boolean none() {
            return dailyCap < 0 && perMinute < 0;
        }
    }

    private Limits limits(EgressIpAddress ip, ProviderName provider, Shaping shaping, LocalDate today, Instant now) {
        Optional<EgressIpView> view = pool.find(ip);
        WarmUpPlan plan = view.map(EgressIpView::warmUpPlan).orElse(WarmUpPlan.none());
        long age = view.map(v -> WarmUpPlan.ageInDays(v.warmUpStartedOn(), today)).orElse(0L);
        long cap = switch (plan.capFor(provider, age)) {
            case DailyCap.Limited limited -> limited.messages();
            case DailyCap.Unlimited unlimited -> -1;
        };
        Optional<BackOff> backOff = view.flatMap(v -> v.backOffTowards(provider)).filter(b -> b.activeAt(now));
        int perMinute = MinuteRate.effectiveLimit(shaping, backOff, now);
        return new Limits(cap, perMinute == Integer.MAX_VALUE ? -1 : perMinute, age + 1, backOff);
    }

    private Reservation reserve(IpAndProvider key, LocalDate today, Instant now, Limits limits) {
        Reservation reservation = counters.reserve(key.ip(), key.provider(), today, limits.dailyCap(), now,
                limits.perMinute());
        if (reservation instanceof Reservation.NeedsRebuild) {
            try {
                rebuild(today);
            } catch (EgressCountersUnavailableException e) {
                return new Reservation.Unavailable(e.getMessage());
            }
            reservation = counters.reserve(key.ip(), key.provider(), today, limits.dailyCap(), now, limits.perMinute());
            if (reservation instanceof Reservation.NeedsRebuild) {
                return new Reservation.Unavailable("the day's counts were rebuilt but are not in Redis");
            }
        }
        return reservation;
    }

    /**
     * Today's counts from the ledger plus this node's reservations not yet recorded, read while no attempt is
     * being recorded (a rebuild is rare: a new day, or Redis lost the counts).
     */
    private synchronized void rebuild(LocalDate today) {
        if (counters.built(today)) {
            return; // another thread of this node did it while this one waited
        }
        recording.writeLock().lock();
        try {
            Map<IpAndProvider, Long> sent = new HashMap<>();
            inFlight.forEach((key, count) -> {
                if (count.get() > 0) {
                    sent.put(key, (long) count.get());
                }
            });
            ledger.on(today).forEach((key, count) -> sent.merge(key, count, Long::sum));
            if (counters.rebuild(today, sent)) {
                log.info("egress counters for {} rebuilt from the ledger: {}", today, sent);
            }
        } finally {
            recording.writeLock().unlock();
        }
    }

    private List<EgressIpHealth> candidates(Set<EgressIpAddress> passedOver) {
        return pool.health().stream()
                .map(ip -> passedOver.contains(ip.address()) ? EgressIpHealth.unhealthy(ip.address()) : ip)
                .toList();
    }

    private static Instant earliest(Instant current, Instant candidate) {
        return current == null || candidate.isBefore(current) ? candidate : current;
    }
}
