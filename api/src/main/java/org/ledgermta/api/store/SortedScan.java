package org.ledgermta.api.store;

import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.bson.BsonBinaryReader;
import org.bson.Document;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.DocumentCodec;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * A sorted read of a whole collection of the embedded store in bounded memory, for the forensic reads
 * (replay, timings) that walk the ledger from its first event.
 *
 * <p>Asked for a sorted query, mongo-java-server collects every matching document and sorts them in memory
 * (and without a sort it still collects the whole result before the first batch): reading the timings of
 * 400,000 events ran a 512 MiB heap out and ended the service (bench/queue.sh). Here the collection's map is
 * walked twice in the file: first keeping only each match's sort key and position (about a hundred bytes),
 * then, in sort-key order, each document is fetched by its position and handed over as the driver would
 * have decoded it (mongo-java-server's BSON encoder, the driver's document codec: the bytes of the wire).
 * The walk keeps the store version it started on readable, as {@link VersionPinningH2Backend} does for a
 * request; a document removed meanwhile is skipped.
 */
public final class SortedScan {

    private static final DocumentCodec DRIVER_DOCUMENTS = new DocumentCodec();

    private final MVStore mvStore;

    SortedScan(MVStore mvStore) {
        this.mvStore = mvStore;
    }

    /**
     * Every document of {@code database.collection} that {@code matches}, in the order of {@code sortKey}
     * (equal keys in the collection's own order), to {@code action}. Both functions see the stored fields.
     */
    public <K extends Comparable<K>> void forEach(String database, String collection,
                                                  Predicate<Map<String, Object>> matches,
                                                  Function<Map<String, Object>, K> sortKey,
                                                  Consumer<Document> action) {
        String name = "databases." + database + "." + collection;
        if (!mvStore.hasMap(name)) {
            return;
        }
        MVMap<Object, Object> documents = LedgerH2Database.openCollectionMap(mvStore, name);
        MVStore.TxCounter version = mvStore.registerVersionUsage();
        try {
            List<Match<K>> matched = new ArrayList<>();
            for (Map.Entry<Object, Object> entry : documents.entrySet()) {
                if (entry.getValue() instanceof Map<?, ?> document && matches.test(fields(document))) {
                    matched.add(new Match<>(sortKey.apply(fields(document)), entry.getKey()));
                }
            }
            matched.sort(Comparator.comparing(Match<K>::key));
            for (Match<K> match : matched) {
                if (documents.get(match.position()) instanceof Map<?, ?> document) {
                    action.accept(asDriverDocument(fields(document)));
                }
            }
        } finally {
            mvStore.deregisterVersionUsage(version);
        }
    }

    private record Match<K>(K key, Object position) {
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fields(Map<?, ?> document) {
        return (Map<String, Object>) document;
    }

    private static Document asDriverDocument(Map<String, Object> stored) {
        ByteBuf bson = Unpooled.buffer(1024);
        BsonEncoder.encodeDocument(stored, bson);
        ByteBuffer bytes = ByteBuffer.wrap(bson.array(), bson.arrayOffset(), bson.writerIndex());
        try (BsonBinaryReader reader = new BsonBinaryReader(bytes)) {
            return DRIVER_DOCUMENTS.decode(reader, DecoderContext.builder().build());
        }
    }
}
