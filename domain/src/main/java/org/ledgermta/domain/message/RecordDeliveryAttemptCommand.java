package org.ledgermta.domain.message;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.provider.ProviderName;

/**
 * Record one SMTP transaction with one MX host from one egress IP, for the recipients it carried. provider is
 * the receiving provider the MX host belongs to (what the IP's warm-up caps count against); null when no
 * connection was made, or when the caller does not say (the counts then go by the MX host).
 */
public record RecordDeliveryAttemptCommand(
        @TargetAggregateIdentifier MessageId messageId,
        EgressIpAddress egressIp,
        String mxHost,
        String mxAddress,
        boolean tls,
        Duration duration,
        List<RecipientResult> results,
        Instant attemptedAt,
        ProviderName provider) {

    public RecordDeliveryAttemptCommand {
        requireNonNull(messageId, "messageId is required");
        // no egress IP and no MX when the attempt ended before any connection (an MX look-up that failed)
        if ((egressIp == null) != (mxHost == null) || (mxHost == null) != (mxAddress == null)) {
            throw new IllegalArgumentException("Delivery attempt for message " + messageId + " names egress IP "
                    + egressIp + ", MX " + mxHost + " at " + mxAddress + ": give all three, or none when no"
                    + " connection was made.");
        }
        requireNonNull(duration, "duration is required");
        requireNonNull(results, "results are required");
        requireNonNull(attemptedAt, "attemptedAt is required");
        results = List.copyOf(results);
        if (results.isEmpty()) {
            throw new IllegalArgumentException("Delivery attempt for message " + messageId
                    + " has no recipient results: expected one for each recipient of the transaction.");
        }
        var seen = new HashSet<EmailAddress>();
        for (RecipientResult result : results) {
            if (!seen.add(result.recipient())) {
                throw new IllegalArgumentException("Delivery attempt for message " + messageId + " reports "
                        + result.recipient() + " twice: expected one result per recipient.");
            }
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("Delivery attempt for message " + messageId + " lasted " + duration
                    + ": expected a duration of zero or more.");
        }
    }

    /** An attempt recorded without naming the provider (whoever counts it goes by the MX host). */
    public RecordDeliveryAttemptCommand(MessageId messageId, EgressIpAddress egressIp, String mxHost,
                                        String mxAddress, boolean tls, Duration duration,
                                        List<RecipientResult> results, Instant attemptedAt) {
        this(messageId, egressIp, mxHost, mxAddress, tls, duration, results, attemptedAt, null);
    }
}
