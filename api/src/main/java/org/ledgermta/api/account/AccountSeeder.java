package org.ledgermta.api.account;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.ledgermta.api.account.AccountsProperties.AccountSeed;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.CommandRefusedException;
import org.ledgermta.domain.account.ChangeAccountLimitsCommand;
import org.ledgermta.domain.account.ChangeAccountNetworksCommand;
import org.ledgermta.domain.account.Cidr;
import org.ledgermta.domain.account.CreateAccountCommand;
import org.ledgermta.domain.account.SetAccountPasswordCommand;
import org.ledgermta.domain.limit.VolumeLimits;
import org.ledgermta.projections.account.AccountDirectory;
import org.ledgermta.projections.account.AccountView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Applies the configured accounts at start: creates the missing ones and sends a change only where the
 * configuration differs from the directory, so a restart with the same configuration appends nothing.
 * A configured password is hashed again only when it no longer verifies against the stored hash.
 */
final class AccountSeeder implements SmartLifecycle {

    /** After Axon has started its processors (Integer.MAX_VALUE - 3072), before any listener opens. */
    static final int PHASE = Integer.MAX_VALUE - 2560;

    private static final Logger log = LoggerFactory.getLogger(AccountSeeder.class);

    private final AccountsProperties properties;
    private final AccountDirectory directory;
    private final PasswordHasher hasher;
    private final CommandGateway commands;
    private final Clock clock;
    private volatile boolean running;

    AccountSeeder(AccountsProperties properties, AccountDirectory directory, PasswordHasher hasher,
                  CommandGateway commands, Clock clock) {
        this.properties = properties;
        this.directory = directory;
        this.hasher = hasher;
        this.commands = commands;
        this.clock = clock;
    }

    @Override
    public void start() {
        properties.accounts().forEach(this::apply);
        running = true;
    }

    private void apply(String name, AccountSeed seed) {
        AccountId id = new AccountId(name);
        Instant now = clock.instant();
        Optional<AccountView> current = directory.find(id);
        if (current.isEmpty()) {
            create(id, seed, now);
            return;
        }
        AccountView view = current.get();
        List<String> changed = new ArrayList<>();
        List<Cidr> networks = seed.cidrs();
        if (networks != null && !new HashSet<>(networks).equals(new HashSet<>(view.networks()))) {
            commands.sendAndWait(new ChangeAccountNetworksCommand(id, networks, now));
            changed.add("networks");
        }
        if (seed.password() != null && !hasher.verify(seed.password(), view.passwordHash())) {
            commands.sendAndWait(new SetAccountPasswordCommand(id, hasher.hash(seed.password()), now));
            changed.add("password");
        }
        if (seed.limits() != null && !seed.limits().volumeLimits().equals(view.limits())) {
            commands.sendAndWait(new ChangeAccountLimitsCommand(id, seed.limits().volumeLimits(), now));
            changed.add("limits");
        }
        if (!changed.isEmpty()) {
            log.info("Account {} from configuration: changed {}", id, String.join(", ", changed));
        }
    }

    private void create(AccountId id, AccountSeed seed, Instant now) {
        try {
            commands.sendAndWait(new CreateAccountCommand(id,
                    seed.cidrs() == null ? List.of() : seed.cidrs(),
                    seed.password() == null ? null : hasher.hash(seed.password()),
                    seed.limits() == null ? VolumeLimits.UNLIMITED : seed.limits().volumeLimits(),
                    now));
            log.info("Account {} from configuration: created", id);
        } catch (CommandRefusedException e) {
            // TODO(#5): rebuild the directory from the ledger instead of running without the account.
            log.error("Account {} is in the ledger but not in the account directory (collection account_view), "
                    + "so its clients cannot relay until the directory is rebuilt: {}", id, e.getReason());
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
