package org.ledgermta.domain.account;

import java.time.Instant;
import org.ledgermta.domain.AccountId;

public record AccountSuspendedEvent(AccountId account, String reason, Instant suspendedAt) {
}
