package org.ledgermta.domain.account;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * The intake turned a message (or a client) away; recorded for forensics, per account, with no aggregate
 * behind it. account is null when the client was not known as any account; envelopeSender is null when
 * the refusal came before MAIL FROM, empty for the null sender {@code <>}; recipients are those given so
 * far. reply is the SMTP reply text the client was sent, such as "554 5.7.1 Relay access denied".
 */
public record MessageRejectedEvent(
        String account,
        String clientIp,
        String envelopeSender,
        List<String> recipients,
        RejectionReason reason,
        String reply,
        Instant at) {

    public MessageRejectedEvent {
        requireNonNull(clientIp, "clientIp is required; use an empty string when there was no client");
        requireNonNull(reason, "reason is required");
        requireNonNull(reply, "reply is required: the reply text the client was sent");
        requireNonNull(at, "at is required");
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }
}
