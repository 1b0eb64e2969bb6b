package org.ledgermta.domain.sender;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ledgermta.domain.DomainName;

/** Withdraw a rotated-out key from DNS once its grace has ended. */
public record RetireDkimKeyCommand(
        @TargetAggregateIdentifier DomainName domain, DkimSelector selector, Instant at) {

    public RetireDkimKeyCommand {
        requireNonNull(domain, "domain is required");
        requireNonNull(selector, "selector is required");
        requireNonNull(at, "at is required");
    }
}
