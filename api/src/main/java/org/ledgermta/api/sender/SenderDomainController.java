package org.ledgermta.api.sender;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.ledgermta.delivery.records.RecordStatus;
import org.ledgermta.delivery.records.RecordToPublish;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.DomainName;
import org.ledgermta.domain.sender.ChangeAccountSenderPolicyCommand;
import org.ledgermta.domain.sender.DkimAlgorithm;
import org.ledgermta.domain.sender.DkimSelector;
import org.ledgermta.domain.sender.SenderPolicy;
import org.ledgermta.projections.sender.SenderDomainView;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sender domains for the operator: register (a key pair is generated; the private key never leaves the
 * service), rotate, retire an old key, remove; the DNS records to publish and their check against the
 * real DNS; an account's sender policy.
 */
@RestController
public class SenderDomainController {

    static final String PATH = "/api/v1/sender-domains";

    public record Registration(String domain, String account, DkimAlgorithm algorithm) {
    }

    public record PolicyChange(SenderPolicy policy) {
    }

    /** A key as shown to anyone: never the private key, sealed or not. */
    public record PublishedKeyJson(String selector, DkimAlgorithm algorithm, String publicKey, Instant createdAt,
                                   Instant validUntil, boolean active) {
    }

    public record SenderDomainJson(String domain, String account, Instant registeredAt, List<PublishedKeyJson> keys) {
        static SenderDomainJson of(SenderDomainView view) {
            return new SenderDomainJson(view.domain().value(), view.account().value(), view.registeredAt(),
                    view.keys().stream().map(published -> new PublishedKeyJson(published.key().selector().value(),
                            published.key().algorithm(), published.key().publicKey(), published.key().createdAt(),
                            published.validUntil(), published.active())).toList());
        }
    }

    private final SenderDomains senders;
    private final SenderDomainProperties properties;
    private final CommandGateway commands;

    public SenderDomainController(SenderDomains senders, SenderDomainProperties properties, CommandGateway commands) {
        this.senders = senders;
        this.properties = properties;
        this.commands = commands;
    }

    @GetMapping(PATH)
    List<SenderDomainJson> all() {
        return senders.all().stream().map(SenderDomainJson::of).toList();
    }

    @PostMapping(PATH)
    @ResponseStatus(HttpStatus.CREATED)
    SenderDomainJson register(@RequestBody Registration registration) {
        if (registration.domain() == null || registration.account() == null) {
            throw new IllegalArgumentException("Give the domain and the account it belongs to, for example"
                    + " {\"domain\": \"shop.example\", \"account\": \"hosting-7\"}.");
        }
        return SenderDomainJson.of(senders.register(new DomainName(registration.domain()),
                new AccountId(registration.account()),
                registration.algorithm() == null ? properties.algorithm() : registration.algorithm()));
    }

    @GetMapping(PATH + "/{domain}")
    SenderDomainJson one(@PathVariable String domain) {
        return senders.find(new DomainName(domain)).map(SenderDomainJson::of)
                .orElseThrow(() -> new IllegalArgumentException("The sender domain " + domain + " is not registered."));
    }

    @GetMapping(PATH + "/{domain}/records")
    List<RecordToPublish> records(@PathVariable String domain) {
        return senders.records(new DomainName(domain));
    }

    @PostMapping(PATH + "/{domain}/check")
    List<RecordStatus> check(@PathVariable String domain) {
        return senders.check(new DomainName(domain));
    }

    @PostMapping(PATH + "/{domain}/rotate")
    SenderDomainJson rotate(@PathVariable String domain) {
        return SenderDomainJson.of(senders.rotate(new DomainName(domain)));
    }

    @PostMapping(PATH + "/{domain}/keys/{selector}/retire")
    Map<String, String> retire(@PathVariable String domain, @PathVariable String selector) {
        senders.retire(new DomainName(domain), new DkimSelector(selector));
        return Map.of("domain", domain, "selector", selector, "state", "RETIRED");
    }

    @DeleteMapping(PATH + "/{domain}")
    Map<String, String> remove(@PathVariable String domain) {
        senders.remove(new DomainName(domain), "operator");
        return Map.of("domain", domain, "state", "REMOVED");
    }

    @PutMapping("/api/v1/accounts/{name}/sender-policy")
    Map<String, String> senderPolicy(@PathVariable String name, @RequestBody PolicyChange change) {
        if (change.policy() == null) {
            throw new IllegalArgumentException("Give the policy: {\"policy\": \"REFUSE\"} or {\"policy\": \"ACCEPT_AND_FLAG\"}.");
        }
        commands.sendAndWait(new ChangeAccountSenderPolicyCommand(new AccountId(name), change.policy(),
                Clock.systemUTC().instant()));
        return Map.of("account", name, "senderPolicy", change.policy().name());
    }
}
