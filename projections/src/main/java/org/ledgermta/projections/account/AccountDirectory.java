package org.ledgermta.projections.account;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventHandler;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.account.AccountCreatedEvent;
import org.ledgermta.domain.account.AccountLimitsChangedEvent;
import org.ledgermta.domain.account.AccountNetworksChangedEvent;
import org.ledgermta.domain.account.AccountPasswordSetEvent;
import org.ledgermta.domain.account.AccountResumedEvent;
import org.ledgermta.domain.sender.AccountSenderPolicyChangedEvent;
import org.ledgermta.domain.account.AccountSuspendedEvent;
import org.ledgermta.domain.account.Cidr;

/**
 * Every account in memory, for the intake to decide who may relay without a store round trip, and kept
 * in a store so it is whole again after a restart. Meant for a subscribing event processor: the handlers
 * run in the command's own unit of work, so whoever sent a command sees its effect once it returns.
 *
 * <p>TODO(#5): rebuild from the ledger when the store is lost or behind (a replay of the account events
 * into an emptied store); today a view only comes back from {@link #load()}.
 */
public final class AccountDirectory {

    private final AccountViewStore store;
    private final Map<AccountId, AccountView> accounts = new ConcurrentHashMap<>();

    public AccountDirectory(AccountViewStore store) {
        this.store = store;
    }

    /** Reads every stored view; call once at start, before the event processor runs. */
    public AccountDirectory load() {
        accounts.clear();
        store.loadAll().forEach(view -> accounts.put(view.id(), view));
        return this;
    }

    public Optional<AccountView> find(AccountId id) {
        return Optional.ofNullable(accounts.get(id));
    }

    /** Every account, suspended ones included, ordered by id. */
    public List<AccountView> all() {
        return accounts.values().stream().sorted(Comparator.comparing(view -> view.id().value())).toList();
    }

    /**
     * The active account a client at this address relays as: the one with the longest network prefix
     * containing it (equal prefixes: the lowest account id). Empty when no network contains it, and also
     * when the best match belongs to a suspended account: a suspended customer's servers must not relay
     * through another account's broader network. {@link #longestMatch} tells which account that was.
     */
    public Optional<AccountView> findByClientAddress(String ipLiteral) {
        return longestMatch(ipLiteral).filter(view -> !view.suspended());
    }

    /** As {@link #findByClientAddress}, suspended accounts included: for refusals that name the account. */
    public Optional<AccountView> longestMatch(String ipLiteral) {
        Cidr client = hostOf(ipLiteral);
        AccountView best = null;
        int bestPrefix = -1;
        for (AccountView view : accounts.values()) {
            for (Cidr network : view.networks()) {
                int prefix = network.prefixLength();
                boolean better = prefix > bestPrefix
                        || prefix == bestPrefix && view.id().value().compareTo(best.id().value()) < 0;
                if (better && network.contains(client)) {
                    best = view;
                    bestPrefix = prefix;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    // InetAddress.getHostAddress() writes link-local IPv6 addresses with a zone (fe80::1%eth0).
    private static Cidr hostOf(String ipLiteral) {
        if (ipLiteral == null || ipLiteral.indexOf('/') >= 0) {
            throw new IllegalArgumentException("Client address '" + ipLiteral
                    + "' is not valid: expected one address such as 192.0.2.7 or 2001:db8::7.");
        }
        int zone = ipLiteral.indexOf('%');
        try {
            return new Cidr(zone < 0 ? ipLiteral : ipLiteral.substring(0, zone));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Client address '" + ipLiteral + "' is not valid: expected one "
                    + "address such as 192.0.2.7 or 2001:db8::7, without name resolution.", e);
        }
    }

    @EventHandler
    void on(AccountCreatedEvent event) {
        put(new AccountView(event.account(), event.networks(), event.passwordHash(), event.limits(), false));
    }

    @EventHandler
    void on(AccountNetworksChangedEvent event) {
        put(existing(event.account()).withNetworks(event.networks()));
    }

    @EventHandler
    void on(AccountPasswordSetEvent event) {
        put(existing(event.account()).withPasswordHash(event.passwordHash()));
    }

    @EventHandler
    void on(AccountLimitsChangedEvent event) {
        put(existing(event.account()).withLimits(event.limits()));
    }

    @EventHandler
    void on(AccountSuspendedEvent event) {
        put(existing(event.account()).withSuspended(true));
    }

    @EventHandler
    void on(AccountResumedEvent event) {
        put(existing(event.account()).withSuspended(false));
    }

    @EventHandler
    void on(AccountSenderPolicyChangedEvent event) {
        put(existing(event.account()).withSenderPolicy(event.policy()));
    }

    // Memory first: the event is already in the ledger, so that is the truth the intake must act on even
    // if writing the view fails (Axon then logs the failure; the view is stale until a rebuild, #5).
    private void put(AccountView view) {
        accounts.put(view.id(), view);
        store.save(view);
    }

    private AccountView existing(AccountId id) {
        AccountView view = accounts.get(id);
        if (view == null) {
            throw new IllegalStateException("Account " + id + " changed but is not in the account directory: "
                    + "its view store (collection " + MongoAccountViewStore.COLLECTION + ") lost it or started "
                    + "after the account was created; the directory must be rebuilt from the ledger.");
        }
        return view;
    }
}
