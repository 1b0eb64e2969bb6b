package org.ledgermta.domain.account;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ledgermta.domain.AccountId;

/** Replace the password clients authenticate with; only its hash travels and is stored. */
public record SetAccountPasswordCommand(
        @TargetAggregateIdentifier AccountId account, PasswordHash passwordHash, Instant at) {

    public SetAccountPasswordCommand {
        requireNonNull(account, "account is required");
        requireNonNull(passwordHash, "passwordHash is required");
        requireNonNull(at, "at is required");
    }
}
