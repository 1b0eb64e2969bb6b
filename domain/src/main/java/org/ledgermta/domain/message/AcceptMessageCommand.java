package org.ledgermta.domain.message;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.IntakeRoute;
import org.ledgermta.domain.ReversePath;

/**
 * Take a message into the queue. headerMessageId and headerFrom are what the content's Message-ID and From
 * headers said, kept for forensics; either may be null when the header was missing. clientIp is the
 * submitting client's address, or empty for a notification the relay generated itself. signingSkipped is
 * null, or why the intake left the message unsigned: recorded with the acceptance, in the same write.
 */
public record AcceptMessageCommand(
        @TargetAggregateIdentifier MessageId messageId,
        AccountId account,
        ReversePath sender,
        List<EmailAddress> recipients,
        MessageBody body,
        String headerMessageId,
        String headerFrom,
        String clientIp,
        IntakeRoute route,
        Instant acceptedAt,
        Instant expiresAt,
        SigningSkipped signingSkipped) {

    /** The intake left the message unsigned: fromDomain is null when the From header had none to read. */
    public record SigningSkipped(String fromDomain, String reason) {
        public SigningSkipped {
            requireNonNull(reason, "reason is required");
        }
    }

    /** A message the intake signed, or one that is not the intake's to sign (a notification of ours). */
    public AcceptMessageCommand(MessageId messageId, AccountId account, ReversePath sender,
                                List<EmailAddress> recipients, MessageBody body, String headerMessageId,
                                String headerFrom, String clientIp, IntakeRoute route, Instant acceptedAt,
                                Instant expiresAt) {
        this(messageId, account, sender, recipients, body, headerMessageId, headerFrom, clientIp, route, acceptedAt,
                expiresAt, null);
    }

    public AcceptMessageCommand {
        requireNonNull(messageId, "messageId is required");
        requireNonNull(account, "account is required");
        requireNonNull(sender, "sender is required; use ReversePath.nullSender() for <>");
        requireNonNull(recipients, "recipients are required");
        requireNonNull(body, "body is required");
        requireNonNull(clientIp, "clientIp is required; use an empty string when there was no client");
        requireNonNull(route, "route is required");
        requireNonNull(acceptedAt, "acceptedAt is required");
        requireNonNull(expiresAt, "expiresAt is required");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("Message " + messageId + " has no recipients: expected at least one.");
        }
        var seen = new HashSet<EmailAddress>();
        for (EmailAddress recipient : recipients) {
            if (!seen.add(recipient)) {
                throw new IllegalArgumentException("Message " + messageId + " names recipient " + recipient
                        + " twice: expected each recipient once.");
            }
        }
        if (!expiresAt.isAfter(acceptedAt)) {
            throw new IllegalArgumentException("Message " + messageId + " would expire at " + expiresAt
                    + ", not after its acceptance at " + acceptedAt + ": expected a later expiry.");
        }
    }
}
