package org.ledgermta.domain.egress;

import java.util.Objects;

/** An IP of the pool as the egress choice sees it: healthy means in service, neither blacklisted nor retired. */
public record EgressIpHealth(EgressIpAddress address, boolean healthy) {

    public EgressIpHealth {
        Objects.requireNonNull(address, "address is required");
    }

    public static EgressIpHealth healthy(EgressIpAddress address) {
        return new EgressIpHealth(address, true);
    }

    public static EgressIpHealth unhealthy(EgressIpAddress address) {
        return new EgressIpHealth(address, false);
    }
}
