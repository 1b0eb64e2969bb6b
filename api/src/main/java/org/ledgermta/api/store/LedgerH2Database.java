package org.ledgermta.api.store;

import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 database with its unique-index maps opened with {@link IndexKeyType}. H2Database
 * opens a map by name and gets the one already open, so opening it here first, with the key type, is
 * enough; the map's name is H2Database's own ({@code <database>.<collection>._index_<index>}).
 */
final class LedgerH2Database extends H2Database {

    private static final String INDEX_MAP_INFIX = "._index_";

    // null while H2Database's constructor runs: the indexes it opens then were opened by openIndexMaps (one
    // whose map was not in the file would get ObjectDataType, as before: the same order, only slower)
    private final MVStore mvStore;

    LedgerH2Database(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry) {
        super(databaseName, openIndexMaps(mvStore, databaseName), cursorRegistry);
        this.mvStore = mvStore;
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                    boolean sparse) {
        if (mvStore != null) {
            openIndexMap(mvStore, getFullCollectionNamespace(collectionName) + INDEX_MAP_INFIX + indexName);
        }
        return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
    }

    private static MVStore openIndexMaps(MVStore mvStore, String databaseName) {
        mvStore.getMapNames().stream()
                .filter(name -> name.startsWith(databaseName + ".") && name.contains(INDEX_MAP_INFIX))
                .forEach(name -> openIndexMap(mvStore, name));
        return mvStore;
    }

    private static void openIndexMap(MVStore mvStore, String name) {
        mvStore.openMap(name, new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyType()));
    }
}
