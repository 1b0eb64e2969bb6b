package org.ledgermta.commands.account;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.CommandRefusedException;
import org.ledgermta.domain.account.AccountCreatedEvent;
import org.ledgermta.domain.account.AccountLimitsChangedEvent;
import org.ledgermta.domain.account.AccountNetworksChangedEvent;
import org.ledgermta.domain.account.AccountPasswordSetEvent;
import org.ledgermta.domain.account.AccountResumedEvent;
import org.ledgermta.domain.account.AccountSuspendedEvent;
import org.ledgermta.domain.account.ChangeAccountLimitsCommand;
import org.ledgermta.domain.account.ChangeAccountNetworksCommand;
import org.ledgermta.domain.account.Cidr;
import org.ledgermta.domain.account.CreateAccountCommand;
import org.ledgermta.domain.account.PasswordHash;
import org.ledgermta.domain.account.ResumeAccountCommand;
import org.ledgermta.domain.account.SetAccountPasswordCommand;
import org.ledgermta.domain.account.SuspendAccountCommand;
import org.ledgermta.domain.limit.VolumeLimits;
import org.ledgermta.domain.sender.AccountSenderPolicyChangedEvent;
import org.ledgermta.domain.sender.ChangeAccountSenderPolicyCommand;
import org.ledgermta.domain.sender.SenderPolicy;

/**
 * A customer of the relay: who may relay as it (networks, password) and how much (volume limits).
 * Settings may change while it is suspended, so an operator can fix what got it suspended before resuming.
 * A change to what it already is records nothing, so configuration applied at every start appends nothing.
 */
public class Account {

    @AggregateIdentifier
    private AccountId account;
    private List<Cidr> networks = new ArrayList<>();
    private PasswordHash passwordHash;
    private VolumeLimits limits;
    // Until changed; also what a snapshot taken before the policy existed restores.
    private SenderPolicy senderPolicy = SenderPolicy.ACCEPT_AND_FLAG;
    private Instant createdAt;
    private boolean suspended;
    private Instant suspendedAt;

    // Axon creates the aggregate with this constructor, then sources it from events or hands it the create.
    public Account() {
    }

    // CREATE_IF_MISSING so that creating an account twice is a refusal the caller can recognise (409 in
    // the admin API), not an event store key violation.
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(CreateAccountCommand command) {
        if (account != null) {
            throw refused("Account " + account + " was already created at " + createdAt
                    + "; change its networks, password or limits instead.");
        }
        apply(new AccountCreatedEvent(command.account(), command.networks(), command.passwordHash(),
                command.limits(), command.at()));
    }

    @CommandHandler
    void handle(ChangeAccountNetworksCommand command) {
        // The order networks are listed in means nothing; the longest matching prefix wins.
        if (!new HashSet<>(networks).equals(new HashSet<>(command.networks()))) {
            apply(new AccountNetworksChangedEvent(account, command.networks(), command.at()));
        }
    }

    @CommandHandler
    void handle(SetAccountPasswordCommand command) {
        if (!command.passwordHash().equals(passwordHash)) {
            apply(new AccountPasswordSetEvent(account, command.passwordHash(), command.at()));
        }
    }

    @CommandHandler
    void handle(ChangeAccountLimitsCommand command) {
        if (!command.limits().equals(limits)) {
            apply(new AccountLimitsChangedEvent(account, command.limits(), command.at()));
        }
    }

    @CommandHandler
    void handle(ChangeAccountSenderPolicyCommand command) {
        if (command.policy() != senderPolicy) {
            apply(new AccountSenderPolicyChangedEvent(account, command.policy(), command.at()));
        }
    }

    @CommandHandler
    void handle(SuspendAccountCommand command) {
        if (suspended) {
            throw refused("Account " + account + " was already suspended at " + suspendedAt
                    + "; resume it first to suspend it for another reason.");
        }
        apply(new AccountSuspendedEvent(account, command.reason(), command.at()));
    }

    @CommandHandler
    void handle(ResumeAccountCommand command) {
        if (!suspended) {
            throw refused("Account " + account + " is not suspended; only a suspended account is resumed.");
        }
        apply(new AccountResumedEvent(account, command.note(), command.at()));
    }

    @EventSourcingHandler
    void on(AccountCreatedEvent event) {
        account = event.account();
        networks = new ArrayList<>(event.networks());
        passwordHash = event.passwordHash();
        limits = event.limits();
        createdAt = event.createdAt();
    }

    @EventSourcingHandler
    void on(AccountNetworksChangedEvent event) {
        networks = new ArrayList<>(event.networks());
    }

    @EventSourcingHandler
    void on(AccountPasswordSetEvent event) {
        passwordHash = event.passwordHash();
    }

    @EventSourcingHandler
    void on(AccountLimitsChangedEvent event) {
        limits = event.limits();
    }

    @EventSourcingHandler
    void on(AccountSenderPolicyChangedEvent event) {
        senderPolicy = event.policy();
    }

    @EventSourcingHandler
    void on(AccountSuspendedEvent event) {
        suspended = true;
        suspendedAt = event.suspendedAt();
    }

    @EventSourcingHandler
    void on(AccountResumedEvent event) {
        suspended = false;
        suspendedAt = null;
    }

    private CommandRefusedException refused(String reason) {
        return new CommandRefusedException(account.value(), reason);
    }

    // Snapshot accessors: see OutboundMessage for why Jackson needs them. Nothing else reads them.

    public AccountId getAccount() {
        return account;
    }

    public List<Cidr> getNetworks() {
        return networks;
    }

    public PasswordHash getPasswordHash() {
        return passwordHash;
    }

    public VolumeLimits getLimits() {
        return limits;
    }

    public SenderPolicy getSenderPolicy() {
        return senderPolicy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public boolean isSuspended() {
        return suspended;
    }

    public Instant getSuspendedAt() {
        return suspendedAt;
    }
}
