package org.ledgermta.domain.egress;

import java.time.Instant;

public record EgressIpReinstatedEvent(EgressIpAddress address, String by, String note, Instant reinstatedAt) {
}
