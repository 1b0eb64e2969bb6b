package org.ledgermta.projections.stats;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.ledgermta.projections.queue.QueueView;

/**
 * One document per bucket, {@code {_id: "ip|127.0.0.11|29442817", c: {attempts: 3, delivered: 5}}}, raised
 * with {@code $inc} in an upsert by {@code _id}: the one write the embedded store does without a scan. The
 * buckets of one batch go in one bulk write.
 */
final class MongoStatisticsStore implements StatisticsStore {

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> buckets;
    private final MongoCollection<Document> queue;

    MongoStatisticsStore(MongoDatabase database) {
        this.buckets = database.getCollection(DeliveryStatistics.COLLECTION);
        this.queue = database.getCollection(QueueView.COLLECTION);
    }

    @Override
    public void increment(Map<String, Map<String, Long>> countsByBucket) {
        List<WriteModel<Document>> updates = new ArrayList<>(countsByBucket.size());
        countsByBucket.forEach((bucketId, counts) -> {
            List<Bson> increments = counts.entrySet().stream()
                    .map(entry -> Updates.inc("c." + entry.getKey(), entry.getValue())).toList();
            updates.add(new UpdateOneModel<>(Filters.eq("_id", bucketId), Updates.combine(increments), UPSERT));
        });
        if (!updates.isEmpty()) {
            buckets.bulkWrite(updates);
        }
    }

    @Override
    public void delete(String bucketId) {
        buckets.deleteOne(Filters.eq("_id", bucketId));
    }

    @Override
    public void forEachBucket(BiConsumer<String, Map<String, Long>> action) {
        for (Document document : buckets.find()) {
            Map<String, Long> counters = new HashMap<>();
            Document stored = document.get("c", Document.class);
            if (stored != null) {
                stored.forEach((name, value) -> counters.put(name, ((Number) value).longValue()));
            }
            action.accept(document.getString("_id"), counters);
        }
    }

    @Override
    public String accountOf(String messageId) {
        Document stored = queue.find(Filters.eq("_id", messageId)).projection(Projections.include("account")).first();
        return stored == null ? null : stored.getString("account");
    }
}
