package org.ledgermta.domain.account;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ledgermta.domain.AccountId;

/** Let a suspended account relay again; note may be empty. */
public record ResumeAccountCommand(@TargetAggregateIdentifier AccountId account, String note, Instant at) {

    public ResumeAccountCommand {
        requireNonNull(account, "account is required");
        requireNonNull(at, "at is required");
        note = note == null ? "" : note;
    }
}
