package org.ledgermta.domain.sender;

import java.time.Instant;
import org.ledgermta.domain.AccountId;

public record AccountSenderPolicyChangedEvent(AccountId account, SenderPolicy policy, Instant changedAt) {
}
