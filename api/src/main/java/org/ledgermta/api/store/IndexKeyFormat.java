package org.ledgermta.api.store;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * How a store's unique-index keys are written and ordered, fixed when the store is created and kept in the
 * file ({@code ledgermta.format}): a store created by mongo-java-server's backend or by a ledgermta before this
 * format existed has {@link #JAVA_SERIALIZED} keys, whose B-trees are in the order of the keys' Java
 * serialization, and keeps them; a new store has {@link #BSON} keys.
 */
enum IndexKeyFormat {

    JAVA_SERIALIZED,
    BSON;

    static final String FORMAT_MAP = "ledgermta.format";
    private static final String INDEX_KEYS = "indexKeys";

    /** The store's format; a store without any map yet is given {@link #BSON} (written with its next commit). */
    static IndexKeyFormat of(MVStore mvStore) {
        boolean empty = mvStore.getMapNames().stream().allMatch(FORMAT_MAP::equals);
        MVMap<String, String> format = mvStore.openMap(FORMAT_MAP);
        if (empty) {
            format.putIfAbsent(INDEX_KEYS, BSON.name());
        }
        String indexKeys = format.get(INDEX_KEYS);
        return indexKeys == null ? JAVA_SERIALIZED : valueOf(indexKeys);
    }
}
