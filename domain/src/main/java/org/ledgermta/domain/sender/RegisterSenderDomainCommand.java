package org.ledgermta.domain.sender;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.DomainName;

/** A customer domain of the account, whose mail the relay signs from now on with key. */
public record RegisterSenderDomainCommand(
        @TargetAggregateIdentifier DomainName domain, AccountId account, DkimKey key, Instant at) {

    public RegisterSenderDomainCommand {
        requireNonNull(domain, "domain is required");
        requireNonNull(account, "account is required");
        requireNonNull(key, "key is required: a sender domain is registered with its first DKIM key");
        requireNonNull(at, "at is required");
        key.selector().keyRecordName(domain);
    }
}
