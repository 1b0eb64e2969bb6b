package org.ledgermta.domain.account;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.limit.VolumeLimits;

public record ChangeAccountLimitsCommand(
        @TargetAggregateIdentifier AccountId account, VolumeLimits limits, Instant at) {

    public ChangeAccountLimitsCommand {
        requireNonNull(account, "account is required");
        requireNonNull(limits, "limits are required; use VolumeLimits.UNLIMITED for none");
        requireNonNull(at, "at is required");
    }
}
