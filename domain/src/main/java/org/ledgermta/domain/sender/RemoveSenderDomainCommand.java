package org.ledgermta.domain.sender;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ledgermta.domain.DomainName;

/** Stop signing for the domain and withdraw its keys; by names the operator or account that did it. */
public record RemoveSenderDomainCommand(@TargetAggregateIdentifier DomainName domain, String by, Instant at) {

    public RemoveSenderDomainCommand {
        requireNonNull(domain, "domain is required");
        requireNonNull(at, "at is required");
        if (by == null || by.isBlank()) {
            throw new IllegalArgumentException("To remove sender domain " + domain
                    + ", say who does it: expected the operator's or account's name.");
        }
    }
}
