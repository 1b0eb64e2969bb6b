package org.ledgermta.api.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the ledger lives. {@code dataDir} is only used by the embedded store, which starts when no
 * {@code MONGODB_URI} is given.
 */
@ConfigurationProperties(prefix = "mta")
public record StoreProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("ledgermta") String database,
        @DefaultValue("10000") int aggregateCacheSize,
        @DefaultValue("50") int snapshotThreshold,
        @DefaultValue("1000") int eventBatchSize,
        @DefaultValue("5s") Duration storeTimeout) {

    public StoreProperties {
        if (aggregateCacheSize < 0) {
            throw new IllegalArgumentException("mta.aggregate-cache-size must be 0 or more, was " + aggregateCacheSize);
        }
        if (snapshotThreshold < 1) {
            throw new IllegalArgumentException("mta.snapshot-threshold must be 1 or more, was " + snapshotThreshold);
        }
        if (eventBatchSize < 1) {
            throw new IllegalArgumentException("mta.event-batch-size must be 1 or more, was " + eventBatchSize);
        }
    }
}
