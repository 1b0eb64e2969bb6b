package org.ledgermta.domain.egress;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Picks the egress IP for one delivery attempt. A retry goes out from an IP this message has not tried yet,
 * because a deferral is often about the sending IP (its reputation or a rate limit on it) and another IP may
 * well get through; the pick among the candidates is uniform, so that the pool's load and reputation spread
 * evenly. Only when every healthy IP has been tried does an IP get reused. A blacklisted or retired IP is never
 * chosen: mail from it would only be refused again and deepen its listing.
 */
public final class EgressChoice {

    private static final Comparator<EgressIpAddress> ADDRESS_ORDER = Comparator.comparing(EgressIpAddress::value);

    private EgressChoice() {
    }

    /**
     * The candidates are put in address order before the draw, so the same pool, tried set and seed give the same
     * IP whatever order the caller listed the pool in.
     *
     * @param tried every IP already used for this message (IPs no longer in the pool are ignored)
     * @param random the caller's generator; seed it in tests
     */
    public static EgressDecision choose(Collection<EgressIpHealth> pool, Set<EgressIpAddress> tried,
            RandomGenerator random) {
        Objects.requireNonNull(pool, "pool is required");
        Objects.requireNonNull(tried, "tried is required; use an empty set for a first attempt");
        Objects.requireNonNull(random, "random is required");
        List<EgressIpAddress> healthy = healthyAddresses(pool);
        if (healthy.isEmpty()) {
            return new EgressDecision.NoHealthyIp();
        }
        List<EgressIpAddress> untried = healthy.stream().filter(ip -> !tried.contains(ip)).toList();
        return untried.isEmpty()
                ? new EgressDecision.UseIp(pick(healthy, random), true)
                : new EgressDecision.UseIp(pick(untried, random), false);
    }

    private static List<EgressIpAddress> healthyAddresses(Collection<EgressIpHealth> pool) {
        Set<EgressIpAddress> seen = new HashSet<>();
        List<EgressIpAddress> healthy = new ArrayList<>();
        for (EgressIpHealth ip : pool) {
            // One IP listed twice would get twice the share of the traffic, or be both healthy and not.
            if (!seen.add(ip.address())) {
                throw new IllegalArgumentException("The egress pool lists " + ip.address()
                        + " more than once; each IP must appear once with its health.");
            }
            if (ip.healthy()) {
                healthy.add(ip.address());
            }
        }
        healthy.sort(ADDRESS_ORDER);
        return healthy;
    }

    private static EgressIpAddress pick(List<EgressIpAddress> candidates, RandomGenerator random) {
        return candidates.get(random.nextInt(candidates.size()));
    }
}
