package org.ledgermta.domain.sender;

import java.time.Instant;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.DomainName;

/** Always followed by the DkimKeyGeneratedEvent of the domain's first key. */
public record SenderDomainRegisteredEvent(DomainName domain, AccountId account, Instant at) {
}
