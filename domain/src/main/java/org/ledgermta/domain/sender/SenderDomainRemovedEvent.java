package org.ledgermta.domain.sender;

import java.time.Instant;
import org.ledgermta.domain.DomainName;

/** The relay no longer signs for the domain, and every key it still published is withdrawn. */
public record SenderDomainRemovedEvent(DomainName domain, String by, Instant at) {
}
