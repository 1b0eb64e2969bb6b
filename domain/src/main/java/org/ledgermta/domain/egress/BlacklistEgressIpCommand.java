package org.ledgermta.domain.egress;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.SmtpReply;

/**
 * Take an address out of the pool because a receiver refused it. blockList names the provider or list the
 * reply pointed at (e.g. "Spamhaus"), or "unknown" when the reply named none.
 */
public record BlacklistEgressIpCommand(
        @TargetAggregateIdentifier EgressIpAddress address,
        MessageId detectedInMessage,
        int attemptNumber,
        String blockList,
        SmtpReply reply,
        Instant at) {

    public BlacklistEgressIpCommand {
        requireNonNull(address, "address is required");
        requireNonNull(detectedInMessage, "detectedInMessage is required");
        requireNonNull(reply, "reply is required");
        requireNonNull(at, "at is required");
        if (attemptNumber < 1) {
            throw new IllegalArgumentException("Attempt number " + attemptNumber + " for egress IP " + address
                    + " is not valid: expected the message's attempt number, counting from 1.");
        }
        if (blockList == null || blockList.isBlank()) {
            throw new IllegalArgumentException("Blacklisting egress IP " + address
                    + " needs the block list or provider that refused it: expected a name, or \"unknown\".");
        }
    }
}
