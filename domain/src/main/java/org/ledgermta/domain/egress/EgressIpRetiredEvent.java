package org.ledgermta.domain.egress;

import java.time.Instant;

public record EgressIpRetiredEvent(EgressIpAddress address, String by, String note, Instant retiredAt) {
}
