package org.ledgermta.domain.account;

import java.time.Instant;
import java.util.List;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.limit.VolumeLimits;

/** passwordHash is null when the account relays by network only. */
public record AccountCreatedEvent(
        AccountId account, List<Cidr> networks, PasswordHash passwordHash, VolumeLimits limits, Instant createdAt) {
}
