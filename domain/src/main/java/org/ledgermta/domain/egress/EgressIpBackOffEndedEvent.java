package org.ledgermta.domain.egress;

import java.time.Instant;
import org.ledgermta.domain.provider.ProviderName;

public record EgressIpBackOffEndedEvent(EgressIpAddress address, ProviderName provider, Instant startedAt,
                                        Instant endedAt) {
}
