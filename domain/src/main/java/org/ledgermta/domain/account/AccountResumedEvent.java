package org.ledgermta.domain.account;

import java.time.Instant;
import org.ledgermta.domain.AccountId;

public record AccountResumedEvent(AccountId account, String note, Instant resumedAt) {
}
