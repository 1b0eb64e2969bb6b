package org.ledgermta.domain.egress;

import java.time.Instant;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.SmtpReply;

public record EgressIpBlacklistedEvent(
        EgressIpAddress address,
        MessageId detectedInMessage,
        int attemptNumber,
        String blockList,
        SmtpReply reply,
        Instant blacklistedAt) {
}
