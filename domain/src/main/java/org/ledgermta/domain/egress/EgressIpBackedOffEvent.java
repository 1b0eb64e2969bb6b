package org.ledgermta.domain.egress;

import java.time.Duration;
import java.time.Instant;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.SmtpReply;
import org.ledgermta.domain.provider.ProviderName;

/**
 * A back-off started (or started again, when the provider asked once more after its first step): from
 * startedAt the IP sends at most ratePerMinute a minute to that provider, twice that after each stepDuration,
 * and normally again at endsAt, when EgressIpBackOffEndedEvent records the end.
 */
public record EgressIpBackedOffEvent(
        EgressIpAddress address,
        ProviderName provider,
        SmtpReply reply,
        String rule,
        int ratePerMinute,
        Duration stepDuration,
        int steps,
        MessageId detectedInMessage,
        Instant startedAt) {

    public Instant endsAt() {
        return startedAt.plus(stepDuration.multipliedBy(steps));
    }
}
