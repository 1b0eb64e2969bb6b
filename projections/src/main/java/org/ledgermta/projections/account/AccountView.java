package org.ledgermta.projections.account;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.account.Cidr;
import org.ledgermta.domain.account.PasswordHash;
import org.ledgermta.domain.limit.VolumeLimits;

/** An account as the intake needs it; passwordHash is null when the account relays by network only. */
public record AccountView(
        AccountId id, List<Cidr> networks, PasswordHash passwordHash, VolumeLimits limits, boolean suspended) {

    public AccountView {
        requireNonNull(id, "id is required");
        requireNonNull(limits, "limits are required");
        networks = List.copyOf(networks);
    }

    AccountView withNetworks(List<Cidr> newNetworks) {
        return new AccountView(id, newNetworks, passwordHash, limits, suspended);
    }

    AccountView withPasswordHash(PasswordHash newHash) {
        return new AccountView(id, networks, newHash, limits, suspended);
    }

    AccountView withLimits(VolumeLimits newLimits) {
        return new AccountView(id, networks, passwordHash, newLimits, suspended);
    }

    AccountView withSuspended(boolean nowSuspended) {
        return new AccountView(id, networks, passwordHash, limits, nowSuspended);
    }
}
