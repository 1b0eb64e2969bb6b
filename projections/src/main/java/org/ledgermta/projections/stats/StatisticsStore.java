package org.ledgermta.projections.stats;

import java.util.Map;
import java.util.function.BiConsumer;

/** Where {@link DeliveryStatistics} keeps its buckets and the account of each message. */
interface StatisticsStore {

    /** Raises the named counters of one bucket, creating it when it is new. */
    void increment(String bucketId, Map<String, Long> counts);

    void delete(String bucketId);

    /** Every bucket stored, with its counters. */
    void forEachBucket(BiConsumer<String, Map<String, Long>> action);

    /** The account that submitted the message (the queue view keeps it), or null when it is not known. */
    String accountOf(String messageId);
}
