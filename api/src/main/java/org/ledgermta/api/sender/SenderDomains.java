package org.ledgermta.api.sender;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.ledgermta.delivery.dkim.DkimKeyMaterial;
import org.ledgermta.delivery.dkim.KeyVault;
import org.ledgermta.delivery.records.DkimRecordInput;
import org.ledgermta.delivery.records.RecordCheck;
import org.ledgermta.delivery.records.RecordStatus;
import org.ledgermta.delivery.records.RecordToPublish;
import org.ledgermta.delivery.records.SenderDomainRecords;
import org.ledgermta.delivery.records.SpfMode;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.DomainName;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.sender.DkimAlgorithm;
import org.ledgermta.domain.sender.DkimKey;
import org.ledgermta.domain.sender.DkimSelector;
import org.ledgermta.domain.sender.RegisterSenderDomainCommand;
import org.ledgermta.domain.sender.RemoveSenderDomainCommand;
import org.ledgermta.domain.sender.RetireDkimKeyCommand;
import org.ledgermta.domain.sender.RotateDkimKeyCommand;
import org.ledgermta.projections.egress.EgressIpView;
import org.ledgermta.projections.egress.EgressPool;
import org.ledgermta.projections.sender.SenderDomainDirectory;
import org.ledgermta.projections.sender.SenderDomainView;

/**
 * Registering and rotating sender domains (keys are generated here, sealed with the master key, and only
 * the sealed form enters the ledger), the DNS records to publish, the check against the real DNS, and the
 * signing key of a From domain for the intake.
 */
public final class SenderDomains {

    private static final DateTimeFormatter SELECTOR_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private final SecureRandom random = new SecureRandom();

    /** The key the intake signs a domain's mail with. */
    public record SigningKey(DomainName domain, DkimSelector selector, DkimAlgorithm algorithm, PrivateKey key) {
    }

    private final CommandGateway commands;
    private final SenderDomainDirectory directory;
    private final EgressPool pool;
    private final SenderDomainProperties properties;
    private final KeyVault vault;
    private final RecordCheck recordCheck;
    private final Clock clock;
    private final Map<String, PrivateKey> openedKeys = new ConcurrentHashMap<>();
    private final Map<DomainName, List<RecordStatus>> lastChecks = new ConcurrentHashMap<>();

    public SenderDomains(CommandGateway commands, SenderDomainDirectory directory, EgressPool pool,
                         SenderDomainProperties properties, RecordCheck recordCheck, Clock clock) {
        this.commands = commands;
        this.directory = directory;
        this.pool = pool;
        this.properties = properties;
        this.vault = properties.masterKey().isBlank() ? null : new KeyVault(properties.masterKey());
        this.recordCheck = recordCheck;
        this.clock = clock;
    }

    public SenderDomainView register(DomainName domain, AccountId account, DkimAlgorithm algorithm) {
        Instant now = clock.instant();
        commands.sendAndWait(new RegisterSenderDomainCommand(domain, account, newKey(domain, algorithm, now), now));
        return directory.find(domain).orElseThrow();
    }

    public SenderDomainView rotate(DomainName domain) {
        SenderDomainView view = directory.find(domain).orElseThrow(() -> unknown(domain));
        Instant now = clock.instant();
        DkimAlgorithm algorithm = view.activeKey().map(DkimKey::algorithm).orElse(properties.algorithm());
        commands.sendAndWait(new RotateDkimKeyCommand(domain, newKey(domain, algorithm, now),
                properties.rotationGrace(), now));
        return directory.find(domain).orElseThrow();
    }

    public void retire(DomainName domain, DkimSelector selector) {
        commands.sendAndWait(new RetireDkimKeyCommand(domain, selector, clock.instant()));
    }

    public void remove(DomainName domain, String by) {
        commands.sendAndWait(new RemoveSenderDomainCommand(domain, by, clock.instant()));
        lastChecks.remove(domain);
    }

    public List<SenderDomainView> all() {
        return directory.all();
    }

    public Optional<SenderDomainView> find(DomainName domain) {
        return directory.find(domain);
    }

    /** What to publish: every key still valid (two during a rotation), SPF, and a suggested DMARC record. */
    public List<RecordToPublish> records(DomainName domain) {
        SenderDomainView view = directory.find(domain).orElseThrow(() -> unknown(domain));
        List<DkimRecordInput> keys = view.keys().stream().map(published -> new DkimRecordInput(
                published.key().selector().value(), published.key().algorithm().keyType(), published.key().publicKey()))
                .toList();
        return SenderDomainRecords.forDomain(domain, keys, spfMode(),
                properties.dmarcReportMailbox().isBlank() ? null : properties.dmarcReportMailbox());
    }

    /** Looks the domain's records up in the real DNS; the intake's SPF policy uses the latest result. */
    public List<RecordStatus> check(DomainName domain) {
        List<RecordStatus> statuses = recordCheck.check(domain, records(domain));
        lastChecks.put(domain, statuses);
        return statuses;
    }

    /** False only when the latest check found SPF missing or not listing our pool; unknown counts as fine. */
    public boolean spfAuthorisesPool(DomainName domain) {
        return lastChecks.getOrDefault(domain, List.of()).stream()
                .filter(status -> RecordToPublish.SPF.equals(status.expected().kind()))
                .allMatch(status -> status.status() == RecordStatus.Status.PUBLISHED
                        || status.status() == RecordStatus.Status.LOOKUP_FAILED);
    }

    /** The active key of this From domain when it is registered to this account. */
    public Optional<SigningKey> signingKey(DomainName fromDomain, AccountId account) {
        if (vault == null) {
            return Optional.empty();
        }
        return directory.find(fromDomain)
                .filter(view -> view.account().equals(account))
                .flatMap(SenderDomainView::activeKey)
                .map(key -> new SigningKey(fromDomain, key.selector(), key.algorithm(),
                        openedKeys.computeIfAbsent(fromDomain.value() + "/" + key.selector().value(),
                                id -> vault.open(key.encryptedPrivateKey(), fromDomain, key.selector(), key.algorithm()))));
    }

    /**
     * Opens every active key once, so that a wrong or missing master key stops start-up naming the domain
     * and selector, instead of surfacing at the first message.
     */
    void openEveryActiveKey() {
        for (SenderDomainView view : directory.all()) {
            view.activeKey().ifPresent(key -> {
                if (vault == null) {
                    throw new IllegalStateException("mta.dkim.master-key is not set, but sender domain "
                            + view.domain().value() + " has a sealed DKIM key (selector " + key.selector().value()
                            + "): set the master key it was sealed with.");
                }
                try {
                    signingKey(view.domain(), view.account());
                } catch (RuntimeException e) {
                    throw new IllegalStateException("mta.dkim.master-key does not open the DKIM key of "
                            + view.domain().value() + " (selector " + key.selector().value() + "): " + e.getMessage(), e);
                }
            });
        }
    }

    private DkimKey newKey(DomainName domain, DkimAlgorithm algorithm, Instant now) {
        if (vault == null) {
            throw new IllegalStateException("No DKIM key can be stored: set mta.dkim.master-key to a base64 AES-256"
                    + " key (openssl rand -base64 32) and restart.");
        }
        KeyPair pair = DkimKeyMaterial.generate(algorithm);
        // dated for the customer's eye, with a random part so that two keys of one day never share a name
        DkimSelector selector = new DkimSelector("lm" + SELECTOR_DATE.format(now) + "-"
                + Long.toString(random.nextLong() >>> 34, 36));
        return new DkimKey(selector, algorithm, DkimKeyMaterial.publicKeyForDns(pair.getPublic()),
                vault.seal(pair.getPrivate(), domain, selector), now);
    }

    private SpfMode spfMode() {
        if (!properties.spfInclude().isBlank()) {
            return SpfMode.include(new DomainName(properties.spfInclude()));
        }
        List<EgressIpAddress> ips = pool.all().stream()
                .filter(view -> view.state() != EgressIpView.State.RETIRED)
                .map(EgressIpView::address).toList();
        return SpfMode.egressIps(ips);
    }

    private static IllegalArgumentException unknown(DomainName domain) {
        return new IllegalArgumentException("The sender domain " + domain.value() + " is not registered.");
    }
}
