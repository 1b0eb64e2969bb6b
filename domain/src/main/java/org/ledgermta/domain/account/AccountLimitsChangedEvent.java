package org.ledgermta.domain.account;

import java.time.Instant;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.limit.VolumeLimits;

public record AccountLimitsChangedEvent(AccountId account, VolumeLimits limits, Instant changedAt) {
}
