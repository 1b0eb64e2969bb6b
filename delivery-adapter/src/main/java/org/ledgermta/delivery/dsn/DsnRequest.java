package org.ledgermta.delivery.dsn;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.ledgermta.domain.DomainName;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.message.MessageId;

/**
 * Everything a delivery status notification says. reportingMta is this relay's host name; dsnMessageId the
 * notification's own Message-ID, such as {@code <Q0000002-dsn@relay.example.net>}; originalEnvelopeFrom the
 * failed message's envelope sender, to whom the notification goes (never the null sender); originalMessage
 * the failed message as queued, of which only the header section is returned (an empty array returns none).
 */
public record DsnRequest(
        String reportingMta,
        String dsnMessageId,
        String originalQueueId,
        String originalEnvelopeFrom,
        Instant arrivalDate,
        Instant now,
        DsnKind kind,
        List<RecipientStatus> recipients,
        byte[] originalMessage) {

    // RFC 5322 §3.6.4 msg-id in its common dot-atom form, printable ASCII only, so it can't break a line.
    private static final Pattern MSG_ID = Pattern.compile("<[!#-;=?-~&&[^<>@]]+@[!#-;=?-~&&[^<>@]]+>");

    public DsnRequest {
        Objects.requireNonNull(reportingMta, "reportingMta is required");
        Objects.requireNonNull(dsnMessageId, "dsnMessageId is required");
        Objects.requireNonNull(originalQueueId, "originalQueueId is required");
        Objects.requireNonNull(originalEnvelopeFrom, "originalEnvelopeFrom is required");
        Objects.requireNonNull(arrivalDate, "arrivalDate is required");
        Objects.requireNonNull(now, "now is required");
        Objects.requireNonNull(kind, "kind is required");
        Objects.requireNonNull(recipients, "recipients are required");
        Objects.requireNonNull(originalMessage, "originalMessage is required; use an empty array when it is gone");
        reportingMta = new DomainName(reportingMta).value();
        originalQueueId = MessageId.of(originalQueueId).value();
        if (!MSG_ID.matcher(dsnMessageId).matches()) {
            throw new IllegalArgumentException("Notification Message-ID '" + dsnMessageId
                    + "' is not valid: expected <left@right> in printable ASCII, such as <Q0000002-dsn@"
                    + reportingMta + ">.");
        }
        // RFC 5321 §4.5.5 and RFC 3464 §2: nothing is ever reported to the null reverse-path <>.
        if (originalEnvelopeFrom.isEmpty() || originalEnvelopeFrom.equals("<>")) {
            throw new IllegalArgumentException("Message " + originalQueueId
                    + " has the null sender <>: no delivery status notification is sent to <>.");
        }
        originalEnvelopeFrom = new EmailAddress(originalEnvelopeFrom).value();
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("Notification for message " + originalQueueId
                    + " has no recipients: expected at least one undelivered recipient to report.");
        }
        var seen = new HashSet<String>();
        for (RecipientStatus recipient : recipients) {
            if (!seen.add(recipient.recipient())) {
                throw new IllegalArgumentException("Notification for message " + originalQueueId + " reports "
                        + recipient.recipient() + " twice: expected each recipient once.");
            }
        }
    }
}
