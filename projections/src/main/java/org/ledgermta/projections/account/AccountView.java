package org.ledgermta.projections.account;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.account.Cidr;
import org.ledgermta.domain.account.PasswordHash;
import org.ledgermta.domain.limit.VolumeLimits;
import org.ledgermta.domain.sender.SenderPolicy;

/**
 * An account as the intake needs it; passwordHash is null when the account relays by network only;
 * senderPolicy says what happens to mail whose From domain is not registered for signing.
 */
public record AccountView(AccountId id, List<Cidr> networks, PasswordHash passwordHash, VolumeLimits limits,
                          boolean suspended, SenderPolicy senderPolicy) {

    public AccountView {
        requireNonNull(id, "id is required");
        requireNonNull(limits, "limits are required");
        requireNonNull(senderPolicy, "senderPolicy is required");
        networks = List.copyOf(networks);
    }

    /** An account with the default sender policy (accept unsigned mail and flag it). */
    public AccountView(AccountId id, List<Cidr> networks, PasswordHash passwordHash, VolumeLimits limits,
                       boolean suspended) {
        this(id, networks, passwordHash, limits, suspended, SenderPolicy.ACCEPT_AND_FLAG);
    }

    AccountView withNetworks(List<Cidr> newNetworks) {
        return new AccountView(id, newNetworks, passwordHash, limits, suspended, senderPolicy);
    }

    AccountView withPasswordHash(PasswordHash newHash) {
        return new AccountView(id, networks, newHash, limits, suspended, senderPolicy);
    }

    AccountView withLimits(VolumeLimits newLimits) {
        return new AccountView(id, networks, passwordHash, newLimits, suspended, senderPolicy);
    }

    AccountView withSuspended(boolean nowSuspended) {
        return new AccountView(id, networks, passwordHash, limits, nowSuspended, senderPolicy);
    }

    AccountView withSenderPolicy(SenderPolicy policy) {
        return new AccountView(id, networks, passwordHash, limits, suspended, policy);
    }
}
