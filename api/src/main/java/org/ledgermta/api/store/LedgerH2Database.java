package org.ledgermta.api.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.DataType;

/**
 * mongo-java-server's H2 database with its maps opened with our types: unique-index keys with
 * {@link BsonIndexKeyType} in a new store and {@link IndexKeyType} in a store of before ({@link IndexKeyFormat}),
 * documents and their positions with {@link BsonDataType}. H2Database opens a map by name and gets the one
 * already open, so opening it here first, with the types, is enough; the maps' names are H2Database's own
 * ({@code <database>.<collection>._index_<index>}, {@code databases.<database>.<collection>}).
 */
final class LedgerH2Database extends H2Database {

    private static final String INDEX_MAP_INFIX = "._index_";
    private static final String COLLECTION_MAP_PREFIX = "databases.";

    // null while H2Database's constructor runs: the maps it opens then were opened by openExistingMaps (a
    // collection new to the file then, a database's system collections, gets ObjectDataType, as before)
    private final MVStore mvStore;
    private final IndexKeyFormat indexKeyFormat;

    static LedgerH2Database open(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry) {
        return new LedgerH2Database(databaseName, mvStore, cursorRegistry, IndexKeyFormat.of(mvStore));
    }

    private LedgerH2Database(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry,
                             IndexKeyFormat indexKeyFormat) {
        super(databaseName, openExistingMaps(mvStore, databaseName, indexKeyFormat), cursorRegistry);
        this.mvStore = mvStore;
        this.indexKeyFormat = indexKeyFormat;
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                    boolean sparse) {
        if (mvStore != null) {
            openIndexMap(mvStore, getFullCollectionNamespace(collectionName) + INDEX_MAP_INFIX + indexName,
                    indexKeyFormat);
        }
        return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        if (mvStore != null) {
            openCollectionMap(mvStore, COLLECTION_MAP_PREFIX + getFullCollectionNamespace(collectionName));
        }
        return super.openOrCreateCollection(collectionName, options);
    }

    private static MVStore openExistingMaps(MVStore mvStore, String databaseName, IndexKeyFormat format) {
        for (String name : mvStore.getMapNames()) {
            if (name.startsWith(databaseName + ".") && name.contains(INDEX_MAP_INFIX)) {
                openIndexMap(mvStore, name, format);
            } else if (name.startsWith(COLLECTION_MAP_PREFIX + databaseName + ".")) {
                openCollectionMap(mvStore, name);
            }
        }
        return mvStore;
    }

    private static void openIndexMap(MVStore mvStore, String name, IndexKeyFormat format) {
        DataType<Object> keyType = format == IndexKeyFormat.BSON ? new BsonIndexKeyType() : new IndexKeyType();
        mvStore.openMap(name, new MVMap.Builder<>().keyType(keyType).valueType(new BsonDataType()));
    }

    /** The collection map of that name, opened with its types unless it is open already. */
    static MVMap<Object, Object> openCollectionMap(MVStore mvStore, String name) {
        return mvStore.openMap(name, new MVMap.Builder<>().keyType(new BsonDataType()).valueType(new BsonDataType()));
    }
}
