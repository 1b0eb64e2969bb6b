package org.ledgermta.domain.account;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ledgermta.domain.AccountId;

/** Replace the networks clients may relay from as this account; an empty list allows none. */
public record ChangeAccountNetworksCommand(
        @TargetAggregateIdentifier AccountId account, List<Cidr> networks, Instant at) {

    public ChangeAccountNetworksCommand {
        requireNonNull(account, "account is required");
        requireNonNull(at, "at is required");
        networks = Networks.distinct(networks, "Account " + account);
    }
}
