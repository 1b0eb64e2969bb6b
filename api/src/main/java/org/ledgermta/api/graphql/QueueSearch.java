package org.ledgermta.api.graphql;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.projections.queue.QueueEntry;
import org.ledgermta.projections.queue.QueueView;

/**
 * Reads {@code queue_view} (written by {@link QueueView}) for the API: one message, a page of messages in
 * queue-id order, counts. Reads only; the view's documents are QueueView's to write.
 */
final class QueueSearch {

    record StateCount(QueueEntry.State state, int count) {
    }

    record DomainStateCount(String domain, QueueEntry.State state, int count, int recipients) {
    }

    record Summary(List<StateCount> byState, List<DomainStateCount> byDomain) {
    }

    private final MongoCollection<Document> queue;

    QueueSearch(MongoDatabase database) {
        this.queue = database.getCollection(QueueView.COLLECTION);
        // an account token's every query starts with its account; on real MongoDB this index answers it,
        // pages included (the stand-in scans either way)
        queue.createIndex(Indexes.ascending("account", "_id"));
    }

    Optional<MessageNode> find(MessageId id) {
        return Optional.ofNullable(queue.find(Filters.eq("_id", id.value())).first()).map(MessageNode::of);
    }

    /** Up to {@code limit} messages matching the query, in queue-id order, after the given queue id if any. */
    List<MessageNode> page(Bson query, String afterQueueId, int limit) {
        Bson where = afterQueueId == null ? query : Filters.and(query, Filters.gt("_id", afterQueueId));
        List<MessageNode> page = new ArrayList<>();
        queue.find(where).sort(Sorts.ascending("_id")).limit(limit).forEach(d -> page.add(MessageNode.of(d)));
        return page;
    }

    long count(Bson query) {
        return queue.countDocuments(query);
    }

    /**
     * Counts in one pass over the matching documents, reading only state and recipients. The stand-in has no
     * aggregation worth the name; on real MongoDB this is still one indexed or collection scan per call.
     */
    Summary summary(Bson query) {
        Map<QueueEntry.State, Integer> byState = new EnumMap<>(QueueEntry.State.class);
        Map<String, Map<QueueEntry.State, int[]>> byDomain = new TreeMap<>();
        for (Document document : queue.find(query)
                .projection(Projections.include("state", "pending", "bounced.recipient"))) {
            QueueEntry.State state = QueueEntry.State.valueOf(document.getString("state"));
            byState.merge(state, 1, Integer::sum);
            List<String> recipients = new ArrayList<>(document.getList("pending", String.class, List.of()));
            document.getList("bounced", Document.class, List.of())
                    .forEach(bounced -> recipients.add(bounced.getString("recipient")));
            Set<String> domainsOfThisMessage = new HashSet<>();
            for (String recipient : recipients) {
                String domain = recipient.substring(recipient.lastIndexOf('@') + 1);
                int[] counts = byDomain.computeIfAbsent(domain, d -> new EnumMap<>(QueueEntry.State.class))
                        .computeIfAbsent(state, s -> new int[2]);
                if (domainsOfThisMessage.add(domain)) {
                    counts[0]++;
                }
                counts[1]++;
            }
        }
        List<StateCount> states = byState.entrySet().stream()
                .map(entry -> new StateCount(entry.getKey(), entry.getValue())).toList();
        List<DomainStateCount> domains = new ArrayList<>();
        byDomain.forEach((domain, counts) -> counts.forEach((state, count) ->
                domains.add(new DomainStateCount(domain, state, count[0], count[1]))));
        domains.sort(Comparator.comparing(DomainStateCount::domain).thenComparing(DomainStateCount::state));
        return new Summary(states, domains);
    }
}
