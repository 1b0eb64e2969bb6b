package org.ledgermta.domain.egress;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.SmtpReply;
import org.ledgermta.domain.provider.ProviderName;

/**
 * Slow an IP down towards one provider, because that provider's reply asked for it: ratePerMinute for the first
 * step, doubling each step, normal again after steps × stepDuration. rule names the back-off rule that matched.
 */
public record BackOffEgressIpCommand(
        @TargetAggregateIdentifier EgressIpAddress address,
        ProviderName provider,
        SmtpReply reply,
        String rule,
        int ratePerMinute,
        Duration stepDuration,
        int steps,
        MessageId detectedInMessage,
        Instant at) {

    public BackOffEgressIpCommand {
        requireNonNull(address, "address is required");
        requireNonNull(provider, "provider is required");
        requireNonNull(reply, "reply is required");
        requireNonNull(rule, "rule is required");
        requireNonNull(stepDuration, "stepDuration is required");
        requireNonNull(detectedInMessage, "detectedInMessage is required");
        requireNonNull(at, "at is required");
        if (ratePerMinute < 1 || steps < 1 || stepDuration.isNegative() || stepDuration.isZero()) {
            throw new IllegalArgumentException("Back-off of " + address + " towards " + provider + " needs a rate"
                    + " of at least 1 a minute, at least one step and a positive step duration; was " + ratePerMinute
                    + "/min, " + steps + " steps of " + stepDuration + ".");
        }
    }
}
