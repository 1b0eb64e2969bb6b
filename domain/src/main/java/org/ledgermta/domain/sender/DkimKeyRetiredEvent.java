package org.ledgermta.domain.sender;

import java.time.Instant;
import org.ledgermta.domain.DomainName;

/** The key record of selector is withdrawn; the selector may later name a new key. */
public record DkimKeyRetiredEvent(DomainName domain, DkimSelector selector, Instant at) {
}
