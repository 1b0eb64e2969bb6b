package org.ledgermta.api.graphql;

import java.time.Instant;
import java.util.List;
import org.ledgermta.api.sender.SenderDomains;
import org.ledgermta.delivery.records.RecordToPublish;
import org.ledgermta.domain.DomainName;
import org.ledgermta.domain.account.Cidr;
import org.ledgermta.domain.limit.VolumeLimits;
import org.ledgermta.projections.account.AccountDirectory;
import org.ledgermta.projections.account.AccountView;
import org.ledgermta.projections.sender.SenderDomainView;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Accounts and their sender domains; an account token sees its own only. */
@Controller
class AccountGraph {

    record AccountNode(String name, boolean suspended, List<String> networks, boolean passwordSet,
                       VolumeLimits limits, String senderPolicy) {
        static AccountNode of(AccountView view) {
            return new AccountNode(view.id().value(), view.suspended(), view.networks().stream().map(Cidr::value).toList(),
                    view.passwordHash() != null, view.limits(), view.senderPolicy().name());
        }
    }

    /** Never the sealed private key: it stays in the ledger and the signer. */
    record DkimKeyNode(String selector, String algorithm, String publicKey, Instant createdAt, Instant validUntil,
                       boolean active) {
    }

    record SenderDomainNode(String domain, String account, Instant registeredAt, List<DkimKeyNode> keys) {
        static SenderDomainNode of(SenderDomainView view) {
            return new SenderDomainNode(view.domain().value(), view.account().value(), view.registeredAt(),
                    view.keys().stream().map(published -> new DkimKeyNode(published.key().selector().value(),
                            published.key().algorithm().name(), published.key().publicKey(),
                            published.key().createdAt(), published.validUntil(), published.active())).toList());
        }
    }

    private final AccountDirectory accounts;
    private final SenderDomains senderDomains;

    AccountGraph(AccountDirectory accounts, SenderDomains senderDomains) {
        this.accounts = accounts;
        this.senderDomains = senderDomains;
    }

    @QueryMapping
    List<AccountNode> accounts(@ContextValue(name = Caller.ATTRIBUTE) Caller caller) {
        return accounts.all().stream().filter(view -> caller.sees(view.id())).map(AccountNode::of).toList();
    }

    @QueryMapping
    List<SenderDomainNode> senderDomains(@ContextValue(name = Caller.ATTRIBUTE) Caller caller) {
        return senderDomains.all().stream().filter(view -> caller.sees(view.account()))
                .map(SenderDomainNode::of).toList();
    }

    @QueryMapping
    List<RecordToPublish> senderDomainRecords(@Argument String domain,
                                              @ContextValue(name = Caller.ATTRIBUTE) Caller caller) {
        DomainName name = new DomainName(domain.strip());
        return senderDomains.find(name).filter(view -> caller.sees(view.account()))
                .map(view -> senderDomains.records(name)).orElse(null);
    }
}
