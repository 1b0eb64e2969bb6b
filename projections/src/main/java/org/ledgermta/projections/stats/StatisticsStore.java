package org.ledgermta.projections.stats;

import java.util.Map;
import java.util.function.BiConsumer;

/** Where {@link DeliveryStatistics} keeps its buckets and the account of each message. */
interface StatisticsStore {

    /** Raises the named counters of each bucket (by id), creating those that are new; all or, on failure, some. */
    void increment(Map<String, Map<String, Long>> countsByBucket);

    void delete(String bucketId);

    /** Every bucket stored, with its counters. */
    void forEachBucket(BiConsumer<String, Map<String, Long>> action);

    /** The account that submitted the message (the queue view keeps it), or null when it is not known. */
    String accountOf(String messageId);
}
