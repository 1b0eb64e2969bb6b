package org.ledgermta.api.graphql;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.ledgermta.domain.AccountId;
import org.ledgermta.projections.queue.QueueEntry;

/** A message as the queue view holds it, shaped as the schema's {@code Message} (read from {@code queue_view}). */
record MessageNode(String id, String account, String sender, QueueEntry.State state, List<String> pending,
                   List<BouncedRecipient> bounced, int attemptCount, List<String> ipsTried, Instant nextAttemptAt,
                   String lastReply, String waitingReason, Instant acceptedAt, Instant expiresAt, long bodySize,
                   String bodySha256) {

    record BouncedRecipient(String recipient, String reply) {
    }

    AccountId owner() {
        return new AccountId(account);
    }

    // the fields QueueDocuments writes; it is the projection's own, so it is read here by name
    static MessageNode of(Document document) {
        return new MessageNode(
                document.getString("_id"),
                document.getString("account"),
                document.getString("sender"),
                QueueEntry.State.valueOf(document.getString("state")),
                document.getList("pending", String.class, List.of()),
                document.getList("bounced", Document.class, List.of()).stream()
                        .map(b -> new BouncedRecipient(b.getString("recipient"), b.getString("reply"))).toList(),
                document.getInteger("attempts", 0),
                document.getList("ipsTried", String.class, List.of()),
                instant(document.getDate("nextAttemptAt")),
                document.getString("lastReply"),
                document.getString("waitingReason"),
                instant(document.getDate("acceptedAt")),
                instant(document.getDate("expiresAt")),
                document.get("bodySize") instanceof Number size ? size.longValue() : 0L,
                document.getString("bodySha256"));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
