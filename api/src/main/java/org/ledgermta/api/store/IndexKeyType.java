package org.ledgermta.api.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of a store's unique-index maps when the store was written before its keys were BSON
 * ({@link IndexKeyFormat#JAVA_SERIALIZED}): H2's {@link ObjectDataType}, the type those maps were always
 * opened with, so every byte written and read is the same, with a faster {@link #compare}.
 *
 * <p>Index keys are mongo-java-server {@link KeyValue}s, which are not {@link Comparable}; ObjectDataType
 * orders such objects by their Java serialization (unsigned bytes, then length) and serializes both keys
 * on every comparison, which was the top of the relay benchmark's CPU profile. Here each key is serialized
 * once while it stays among the {@link RecentKeyBytes}; the order is still that of the serialized bytes, so
 * such a store reads the same through either type.
 */
final class IndexKeyType extends ObjectDataType {

    private final RecentKeyBytes recent = new RecentKeyBytes();

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue x && b instanceof KeyValue y) {
            // what ObjectDataType does for two serialized, non-Comparable objects (its compareNotNull: unsigned
            // bytes, then length)
            return recent.compare(x, y, ObjectDataType::serialize);
        }
        return super.compare(a, b);
    }
}
