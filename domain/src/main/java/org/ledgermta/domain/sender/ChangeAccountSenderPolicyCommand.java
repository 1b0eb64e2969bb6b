package org.ledgermta.domain.sender;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ledgermta.domain.AccountId;

/** Handled by the account; an account that never had one follows SenderPolicy.ACCEPT_AND_FLAG. */
public record ChangeAccountSenderPolicyCommand(
        @TargetAggregateIdentifier AccountId account, SenderPolicy policy, Instant at) {

    public ChangeAccountSenderPolicyCommand {
        requireNonNull(account, "account is required");
        requireNonNull(policy, "policy is required: ACCEPT_AND_FLAG or REFUSE");
        requireNonNull(at, "at is required");
    }
}
