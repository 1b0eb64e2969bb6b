package org.ledgermta.domain.account;

import java.time.Instant;
import org.ledgermta.domain.AccountId;

public record AccountPasswordSetEvent(AccountId account, PasswordHash passwordHash, Instant setAt) {
}
