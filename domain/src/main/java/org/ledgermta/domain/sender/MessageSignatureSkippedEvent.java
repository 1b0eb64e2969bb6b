package org.ledgermta.domain.sender;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The intake accepted a message but left it unsigned, under the account's ACCEPT_AND_FLAG policy, because
 * its From domain is not a registered sender domain. Recorded per message for forensics, by the message's
 * aggregate right after its MessageAcceptedEvent, in the same write (ledgers written before that have it as an
 * event of no aggregate). fromDomain is null when the From header had no domain to read; reason is a sentence for the
 * account, such as "From domain shop.example is not a registered sender domain of account acme".
 */
public record MessageSignatureSkippedEvent(
        String queueId, String account, String fromDomain, String reason, Instant at) {

    public MessageSignatureSkippedEvent {
        requireNonNull(queueId, "queueId is required");
        requireNonNull(account, "account is required");
        requireNonNull(reason, "reason is required");
        requireNonNull(at, "at is required");
    }
}
