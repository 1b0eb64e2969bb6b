package org.ledgermta.api.store;

import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend, except that every request keeps the MVStore version it started on
 * readable until it has answered.
 *
 * <p>Without this a long read failed with {@code MVStoreException: Chunk N not found} while the store kept
 * committing: seen in the bench as a replay over a 550 MB store, reproduced by
 * {@code LongReadsDuringHeavyWritesKeepTheStoreReadableTest} and {@code LongReadsDuringHeavyWritesBenchmark}.
 * A query that no unique index answers walks the whole collection map ({@code H2Collection.matchDocuments}
 * → {@code MVMap.values()}), from the map's root as it was when the walk began. H2 2.3.232 frees a chunk in
 * {@code FileStore.dropUnusedChunks()}, on every commit, once it holds no live page and both
 * {@code canOverwriteChunk} (the version at which it fell out of use is older than
 * {@code MVStore.getOldestVersionToKeep()}) and {@code isSeasonedChunk} (it was <em>written</em> longer ago
 * than the retention time, 45 s) hold. The retention time counts from the chunk's creation, not from when
 * it fell out of use, so for an old chunk only the version counts, and the oldest version to keep is
 * {@code versionsToKeep} (5) commits back — milliseconds under group commit — unless a reader registered
 * its version. The backend never does, so the walk's pages could lose their chunk: the background
 * compaction ({@code FileStore.rewriteChunks} → {@code MVMap.rewritePage}) copies the live pages of old,
 * sparse chunks into new ones, and the emptied chunk was dropped a few commits later, while the walk still
 * pointed into it.
 *
 * <p>{@link MVStore#registerVersionUsage()} is H2's own remedy (its TransactionStore registers every
 * transaction so): a chunk that falls out of use after the registered version is kept until the
 * registration ends. Every request is answered in full before it returns (query results are collected
 * into lists; later batches come from those lists), so a registration for the length of
 * {@link #handleCommand} and {@link #handleQuery} covers every read of the store's pages. The price: chunks
 * emptied during a long read are freed when it ends instead of a few commits later, so the file holds that
 * read's worth of writes a little longer; the background compaction still runs, and the file stops growing
 * (measured in {@code LongReadsDuringHeavyWritesBenchmark}).
 */
class VersionPinningH2Backend extends H2Backend {

    private final MVStore mvStore;

    VersionPinningH2Backend(MVStore mvStore) {
        super(mvStore);
        this.mvStore = mvStore;
    }

    /** Also serves OP_MSG: {@code handleMessage} passes each message on to this method. */
    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        MVStore.TxCounter version = mvStore.registerVersionUsage();
        try {
            return super.handleCommand(channel, database, command, query);
        } finally {
            mvStore.deregisterVersionUsage(version);
        }
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        MVStore.TxCounter version = mvStore.registerVersionUsage();
        try {
            return super.handleQuery(query);
        } finally {
            mvStore.deregisterVersionUsage(version);
        }
    }
}
