package org.ledgermta.domain.account;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ledgermta.domain.AccountId;

/** Stop an account from relaying until it is resumed; reason says why, for whoever resumes it. */
public record SuspendAccountCommand(@TargetAggregateIdentifier AccountId account, String reason, Instant at) {

    public SuspendAccountCommand {
        requireNonNull(account, "account is required");
        requireNonNull(at, "at is required");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("To suspend account " + account
                    + ", say why: expected a reason such as 'spam complaints, ticket 4711'.");
        }
    }
}
