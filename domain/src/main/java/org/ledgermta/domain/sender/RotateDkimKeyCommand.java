package org.ledgermta.domain.sender;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ledgermta.domain.DomainName;

/**
 * Sign the domain's mail with newKey from now on. The old key stays published for verification during
 * grace: mail signed with it before the rotation may still be in the queue, and is verified on delivery.
 * So grace is normally at least the maximum queue age plus the key record's TTL; zero withdraws a
 * compromised key as soon as it is retired.
 */
public record RotateDkimKeyCommand(
        @TargetAggregateIdentifier DomainName domain, DkimKey newKey, Duration grace, Instant at) {

    public RotateDkimKeyCommand {
        requireNonNull(domain, "domain is required");
        requireNonNull(newKey, "newKey is required");
        requireNonNull(grace, "grace is required; use Duration.ZERO to withdraw a compromised key at once");
        requireNonNull(at, "at is required");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("Grace " + grace + " for the old DKIM key of " + domain
                    + " is negative: expected how long it stays valid for verification, normally at least the"
                    + " maximum queue age.");
        }
        newKey.selector().keyRecordName(domain);
    }
}
