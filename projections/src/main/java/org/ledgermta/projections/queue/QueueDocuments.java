package org.ledgermta.projections.queue;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;
import org.bson.Document;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.ReversePath;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.message.MessageBody;
import org.ledgermta.domain.message.MessageId;

/** QueueEntry as a BSON document and back. */
final class QueueDocuments {

    private QueueDocuments() {
    }

    static Document toDocument(QueueEntry entry) {
        return new Document("_id", entry.messageId().value())
                .append("account", entry.account().value())
                .append("sender", entry.sender().value())
                .append("pending", entry.pending().stream().map(EmailAddress::value).toList())
                .append("bounced", entry.bounced().stream()
                        .map(b -> new Document("recipient", b.recipient().value()).append("reply", b.reply())).toList())
                .append("bodySha256", entry.body().sha256())
                .append("bodySize", entry.body().sizeBytes())
                .append("state", entry.state().name())
                .append("attempts", entry.attempts())
                .append("ipsTried", entry.ipsTried().stream().map(EgressIpAddress::value).sorted().toList())
                .append("nextAttemptAt", date(entry.nextAttemptAt()))
                .append("lastReply", entry.lastReply())
                .append("waitingReason", entry.waitingReason())
                .append("acceptedAt", date(entry.acceptedAt()))
                .append("expiresAt", date(entry.expiresAt()));
    }

    static QueueEntry fromDocument(Document document) {
        return new QueueEntry(
                MessageId.of(document.getString("_id")),
                new AccountId(document.getString("account")),
                new ReversePath(document.getString("sender")),
                addresses(document.getList("pending", String.class, List.of())),
                document.getList("bounced", Document.class, List.of()).stream()
                        .map(b -> new QueueEntry.Bounced(new EmailAddress(b.getString("recipient")), b.getString("reply")))
                        .toList(),
                new MessageBody(document.getString("bodySha256"), ((Number) document.get("bodySize")).longValue()),
                QueueEntry.State.valueOf(document.getString("state")),
                document.getInteger("attempts", 0),
                document.getList("ipsTried", String.class, List.of()).stream().map(EgressIpAddress::new)
                        .collect(Collectors.toSet()),
                instant(document.getDate("nextAttemptAt")),
                document.getString("lastReply"),
                instant(document.getDate("acceptedAt")),
                instant(document.getDate("expiresAt")),
                document.getString("waitingReason"));
    }

    private static List<EmailAddress> addresses(List<String> values) {
        return values.stream().map(EmailAddress::new).toList();
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
