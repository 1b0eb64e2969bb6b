package org.ledgermta.commands.sender;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.CommandRefusedException;
import org.ledgermta.domain.DomainName;
import org.ledgermta.domain.sender.DkimKey;
import org.ledgermta.domain.sender.DkimKeyGeneratedEvent;
import org.ledgermta.domain.sender.DkimKeyRetiredEvent;
import org.ledgermta.domain.sender.DkimKeyRotatedEvent;
import org.ledgermta.domain.sender.DkimSelector;
import org.ledgermta.domain.sender.RegisterSenderDomainCommand;
import org.ledgermta.domain.sender.RemoveSenderDomainCommand;
import org.ledgermta.domain.sender.RetireDkimKeyCommand;
import org.ledgermta.domain.sender.RotateDkimKeyCommand;
import org.ledgermta.domain.sender.SenderDomainRegisteredEvent;
import org.ledgermta.domain.sender.SenderDomainRemovedEvent;

/**
 * A customer domain the relay signs for, and the DKIM keys it publishes: one active key that signs, and the
 * keys rotated out of signing that stay in DNS until retired, so that mail signed before a rotation still
 * verifies when it is delivered from the queue. A removed domain takes no further commands.
 */
public class SenderDomain {

    @AggregateIdentifier
    private DomainName domain;
    private AccountId account;
    private Instant registeredAt;
    // In the order the keys were generated; the active one has no validUntil.
    private List<PublishedDkimKey> publishedKeys = new ArrayList<>();
    private String removedBy;
    private Instant removedAt;

    // Axon creates the aggregate with this constructor, then sources it from events or hands it the register.
    public SenderDomain() {
    }

    // CREATE_IF_MISSING so that registering a domain twice, perhaps by another account, is a refusal the
    // caller can recognise, not an event store key violation.
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RegisterSenderDomainCommand command) {
        refuseIfRemoved();
        if (domain != null) {
            throw refused("Sender domain " + domain + " is already registered to account " + account + " since "
                    + registeredAt + ".");
        }
        apply(new SenderDomainRegisteredEvent(command.domain(), command.account(), command.at()));
        apply(new DkimKeyGeneratedEvent(command.domain(), command.key()));
    }

    @CommandHandler
    void handle(RotateDkimKeyCommand command) {
        refuseIfRemoved();
        DkimSelector selector = command.newKey().selector();
        Optional<PublishedDkimKey> clash = published(selector);
        if (clash.isPresent()) {
            throw refused(clash.get().validUntil() == null
                    ? "Selector " + selector + " already names the active key of sender domain " + domain
                            + "; rotate to a key with another selector."
                    : "Selector " + selector + " of sender domain " + domain + " still publishes a rotated-out key,"
                            + " valid until " + clash.get().validUntil() + "; rotate to a key with another selector,"
                            + " or retire that key first.");
        }
        DkimSelector old = active().key().selector();
        apply(new DkimKeyGeneratedEvent(domain, command.newKey()));
        apply(new DkimKeyRotatedEvent(domain, selector, old, command.at().plus(command.grace()), command.at()));
    }

    @CommandHandler
    void handle(RetireDkimKeyCommand command) {
        refuseIfRemoved();
        PublishedDkimKey retiring = published(command.selector()).orElseThrow(() -> refused("Sender domain "
                + domain + " publishes no key with selector " + command.selector() + " (never generated, or"
                + " already retired); it publishes " + selectorsText() + "."));
        if (retiring.validUntil() == null) {
            throw refused("Selector " + command.selector() + " names the active key of sender domain " + domain
                    + "; rotate to a new key first, and retire this one when its grace has ended.");
        }
        // Mail signed with it before the rotation may still be queued, and verifies only while it is in DNS.
        if (command.at().isBefore(retiring.validUntil())) {
            throw refused("The key with selector " + command.selector() + " of sender domain " + domain
                    + " stays valid for verification until " + retiring.validUntil() + "; it may be retired from "
                    + retiring.validUntil() + ".");
        }
        apply(new DkimKeyRetiredEvent(domain, command.selector(), command.at()));
    }

    @CommandHandler
    void handle(RemoveSenderDomainCommand command) {
        refuseIfRemoved();
        apply(new SenderDomainRemovedEvent(domain, command.by(), command.at()));
    }

    @EventSourcingHandler
    void on(SenderDomainRegisteredEvent event) {
        domain = event.domain();
        account = event.account();
        registeredAt = event.at();
    }

    @EventSourcingHandler
    void on(DkimKeyGeneratedEvent event) {
        publishedKeys.add(new PublishedDkimKey(event.key(), null));
    }

    @EventSourcingHandler
    void on(DkimKeyRotatedEvent event) {
        publishedKeys.replaceAll(published -> published.key().selector().equals(event.oldSelector())
                ? new PublishedDkimKey(published.key(), event.oldKeyValidUntil())
                : published);
    }

    @EventSourcingHandler
    void on(DkimKeyRetiredEvent event) {
        publishedKeys.removeIf(published -> published.key().selector().equals(event.selector()));
    }

    @EventSourcingHandler
    void on(SenderDomainRemovedEvent event) {
        removedBy = event.by();
        removedAt = event.at();
    }

    /** The key that signs the domain's mail; empty once the domain is removed. */
    public Optional<DkimKey> activeKey() {
        return removedAt != null || domain == null ? Optional.empty() : Optional.of(active().key());
    }

    /**
     * Every key whose record is in DNS: the active key first, then the rotated-out ones by the end of their
     * grace. A key stays here after its grace until it is retired. Empty once the domain is removed.
     */
    public List<PublishedDkimKey> keysValidForVerification() {
        if (removedAt != null) {
            return List.of();
        }
        return publishedKeys.stream()
                .sorted(Comparator.comparing(PublishedDkimKey::validUntil,
                        Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
    }

    private PublishedDkimKey active() {
        return publishedKeys.stream().filter(published -> published.validUntil() == null).findFirst()
                .orElseThrow(() -> new IllegalStateException("Sender domain " + domain + " has no active key."));
    }

    private Optional<PublishedDkimKey> published(DkimSelector selector) {
        return publishedKeys.stream().filter(published -> published.key().selector().equals(selector)).findFirst();
    }

    private String selectorsText() {
        return String.join(", ", keysValidForVerification().stream()
                .map(published -> published.key().selector() + (published.validUntil() == null ? " (active)"
                        : " (valid until " + published.validUntil() + ")"))
                .toList());
    }

    private void refuseIfRemoved() {
        if (removedAt != null) {
            throw refused("Sender domain " + domain + " was removed at " + removedAt + " by " + removedBy
                    + "; a removed domain takes no further commands.");
        }
    }

    private CommandRefusedException refused(String reason) {
        return new CommandRefusedException(domain.value(), reason);
    }

    // Snapshot accessors: see OutboundMessage for why Jackson needs them. activeKey() and
    // keysValidForVerification() are derived, so they are not named as getters and stay out of snapshots.

    public DomainName getDomain() {
        return domain;
    }

    public AccountId getAccount() {
        return account;
    }

    public Instant getRegisteredAt() {
        return registeredAt;
    }

    public List<PublishedDkimKey> getPublishedKeys() {
        return publishedKeys;
    }

    public String getRemovedBy() {
        return removedBy;
    }

    public Instant getRemovedAt() {
        return removedAt;
    }
}
