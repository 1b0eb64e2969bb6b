package org.ledgermta.domain.egress;

import java.time.Instant;

public record EgressIpAddedEvent(EgressIpAddress address, PoolName pool, String heloName, Instant addedAt) {
}
