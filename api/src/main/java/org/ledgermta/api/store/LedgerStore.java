package org.ledgermta.api.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.event.CommandListener;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.ledgermta.api.config.StoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MongoDB that holds the ledger: the one named by {@code MONGODB_URI}, or else the embedded store,
 * which this class then starts and owns.
 */
public final class LedgerStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LedgerStore.class);

    private final MongoClient client;
    private final String databaseName;
    private final DurabilityBarrier durabilityBarrier;
    private final EmbeddedLedgerStore embedded;
    private final String description;

    private LedgerStore(MongoClient client, String databaseName, DurabilityBarrier durabilityBarrier,
                        EmbeddedLedgerStore embedded, String description) {
        this.client = client;
        this.databaseName = databaseName;
        this.durabilityBarrier = durabilityBarrier;
        this.embedded = embedded;
        this.description = description;
    }

    public static LedgerStore connect(String mongoUri, StoreProperties properties) {
        return connect(mongoUri, properties, null);
    }

    /** As {@link #connect(String, StoreProperties)}, telling {@code commands} of every command sent (metrics). */
    public static LedgerStore connect(String mongoUri, StoreProperties properties, CommandListener commands) {
        if (mongoUri == null || mongoUri.isBlank()) {
            EmbeddedLedgerStore embedded = EmbeddedLedgerStore.open(properties.dataDir(), properties.storeTimeout());
            try {
                ConnectionString uri = new ConnectionString(embedded.connectionString(properties.database()));
                MongoClient client = MongoClients.create(settings(uri, properties, WriteConcern.ACKNOWLEDGED, commands));
                return new LedgerStore(client, properties.database(), embedded.durabilityBarrier(), embedded,
                        "embedded store in " + properties.dataDir().toAbsolutePath().normalize());
            } catch (RuntimeException e) {
                embedded.close();
                throw e;
            }
        }
        ConnectionString uri;
        try {
            uri = new ConnectionString(mongoUri);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("MONGODB_URI is not a valid mongodb:// URI: " + e.getMessage(), e);
        }
        // "250 Ok" must mean durable: unless the URI says otherwise, a write is acknowledged only
        // once a majority of the replica set has it in its journal.
        WriteConcern writeConcern = uri.getWriteConcern() != null
                ? uri.getWriteConcern()
                : WriteConcern.MAJORITY.withJournal(true);
        String database = uri.getDatabase() != null ? uri.getDatabase() : properties.database();
        MongoClient client = MongoClients.create(settings(uri, properties, writeConcern, commands));
        log.info("Ledger in MongoDB {} (database {}, write concern {})", uri.getHosts(), database, writeConcern);
        return new LedgerStore(client, database, DurabilityBarrier.WRITE_CONCERN, null,
                "MongoDB " + uri.getHosts());
    }

    private static MongoClientSettings settings(ConnectionString uri, StoreProperties properties,
                                                WriteConcern writeConcern, CommandListener commands) {
        long timeoutMillis = properties.storeTimeout().toMillis();
        MongoClientSettings.Builder builder = MongoClientSettings.builder();
        if (commands != null) {
            builder.addCommandListener(commands);
        }
        return builder
                .applyConnectionString(uri)
                .writeConcern(writeConcern)
                .applyToClusterSettings(c -> c.serverSelectionTimeout(timeoutMillis, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(s -> s.connectTimeout((int) timeoutMillis, TimeUnit.MILLISECONDS))
                .build();
    }

    public MongoClient client() {
        return client;
    }

    public MongoDatabase database() {
        return client.getDatabase(databaseName);
    }

    public String databaseName() {
        return databaseName;
    }

    public DurabilityBarrier durabilityBarrier() {
        return durabilityBarrier;
    }

    public boolean embedded() {
        return embedded != null;
    }

    /** The embedded store's bounded-memory sorted reads; empty on a real MongoDB, whose indexes serve them. */
    public Optional<SortedScan> sortedScan() {
        return embedded == null ? Optional.empty() : Optional.of(embedded.sortedScan());
    }

    @Override
    public String toString() {
        return description;
    }

    @Override
    public void close() {
        client.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
