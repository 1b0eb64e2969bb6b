package org.ledgermta.domain.account;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.limit.VolumeLimits;

/**
 * Open an account that may relay. Clients relay as it from the given networks, or by authenticating with
 * the password whose hash is given; passwordHash is null for an account that relays by network only.
 */
public record CreateAccountCommand(
        @TargetAggregateIdentifier AccountId account,
        List<Cidr> networks,
        PasswordHash passwordHash,
        VolumeLimits limits,
        Instant at) {

    public CreateAccountCommand {
        requireNonNull(account, "account is required");
        requireNonNull(limits, "limits are required; use VolumeLimits.UNLIMITED for none");
        requireNonNull(at, "at is required");
        networks = Networks.distinct(networks, "Account " + account);
    }
}
