package org.ledgermta.domain.egress;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ledgermta.domain.provider.ProviderName;

/** Record that an IP's back-off towards a provider has run its course (a no-op when none is due to end). */
public record EndEgressIpBackOffCommand(
        @TargetAggregateIdentifier EgressIpAddress address, ProviderName provider, Instant at) {

    public EndEgressIpBackOffCommand {
        requireNonNull(address, "address is required");
        requireNonNull(provider, "provider is required");
        requireNonNull(at, "at is required");
    }
}
