package org.ledgermta.api.store;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: mongo-java-server with its H2 backend, persisting under the data directory and
 * reached like any MongoDB through a {@code mongodb://} URI on loopback.
 *
 * <p>The H2 backend only writes to disk when the MVStore commits, which H2 would do in the background about
 * once a second: after a kill -9 the last second of acknowledged writes was measured gone. So the store
 * is opened here without H2's background thread, and {@link #durabilityBarrier()} commits and fsyncs it,
 * grouped, before anything is acknowledged; the same thread flushes writes nobody waited for and compacts
 * ({@link StoreMaintenance}). Every version being fsynced, an emptied chunk is reused at once (H2 kept it
 * 45 s, which at a relay's write rate held gigabytes).
 *
 * <p>A long read (a query no unique index answers walks the whole collection) once found the chunks under
 * it freed by the commits meanwhile ({@code Chunk N not found}); {@link VersionPinningH2Backend} keeps
 * them until the read is done. These are runtime settings, not part of the file.
 *
 * <p>Documents and their positions are stored as BSON instead of Java serialization ({@link BsonDataType}),
 * and so are a new store's unique-index keys ({@link BsonIndexKeyType}); a store written before keeps its
 * Java-serialized keys, compared without serializing them on every comparison ({@link IndexKeyType},
 * {@link IndexKeyFormat}). Such a store opens and reads as it did, but a file written now no longer opens
 * with mongo-java-server's stock backend ({@link LedgerH2Backend}).
 */
public final class EmbeddedLedgerStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedLedgerStore.class);
    static final String FILE_NAME = "ledger.mv.db";

    private final MVStore mvStore;
    private final H2Backend backend;
    private final MongoServer server;
    private final InetSocketAddress address;
    private final GroupCommit groupCommit;

    private EmbeddedLedgerStore(MVStore mvStore, H2Backend backend, MongoServer server,
                                InetSocketAddress address, GroupCommit groupCommit) {
        this.mvStore = mvStore;
        this.backend = backend;
        this.server = server;
        this.address = address;
        this.groupCommit = groupCommit;
    }

    public static EmbeddedLedgerStore open(Path dataDir, Duration flushTimeout) {
        Path file = dataDir.toAbsolutePath().normalize().resolve(FILE_NAME);
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new IllegalStateException("mta.data-dir: cannot create " + file.getParent() + " (" + e + ")", e);
        }
        MVStore mvStore;
        try {
            mvStore = new MVStore.Builder().fileName(file.toString())
                    // no background thread: nothing but the group commit below writes to the file
                    .autoCommitDisabled().autoCommitBufferSize(0)
                    .open();
        } catch (MVStoreException e) {
            throw new IllegalStateException("mta.data-dir: cannot open the embedded store " + file
                    + " (is another instance using this directory?): " + e.getMessage(), e);
        }
        // every version is fsynced before the next is written, so an emptied chunk needs no grace time
        mvStore.setRetentionTime(0);
        H2Backend backend = new LedgerH2Backend(mvStore);
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        StoreMaintenance maintenance = new StoreMaintenance(mvStore);
        GroupCommit groupCommit = new GroupCommit(maintenance::flush, maintenance::housekeeping, flushTimeout,
                "ledger-group-commit");
        log.info("Embedded ledger store {} listening on {}", file, address);
        return new EmbeddedLedgerStore(mvStore, backend, server, address, groupCommit);
    }

    public String connectionString(String database) {
        return "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database;
    }

    public DurabilityBarrier durabilityBarrier() {
        return groupCommit;
    }

    MVStore mvStore() {
        return mvStore;
    }

    /** Sorted reads of whole collections in bounded memory (see {@link SortedScan}). */
    public SortedScan sortedScan() {
        return new SortedScan(mvStore);
    }

    @Override
    public void close() {
        groupCommit.close();
        server.shutdownNow();
        // closing the backend commits and closes the MVStore: a clean stop loses nothing
        backend.close();
        if (!mvStore.isClosed()) {
            mvStore.close();
        }
    }
}
