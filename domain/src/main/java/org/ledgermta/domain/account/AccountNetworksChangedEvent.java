package org.ledgermta.domain.account;

import java.time.Instant;
import java.util.List;
import org.ledgermta.domain.AccountId;

/** networks is the whole new list, not a difference. */
public record AccountNetworksChangedEvent(AccountId account, List<Cidr> networks, Instant changedAt) {
}
