package org.ledgermta.api.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.util.Arrays;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the stand-in's unique-index maps: H2's {@link ObjectDataType}, the type those maps were
 * always opened with, so every byte written and read is the same, with a faster {@link #compare}.
 *
 * <p>Index keys are mongo-java-server {@link KeyValue}s, which are not {@link Comparable}; ObjectDataType
 * orders such objects by their Java serialization (unsigned bytes, then length) and serializes both keys
 * on every comparison. A B-tree search compares its key with about 2·log2(n) stored keys, and the root and
 * inner pages' keys with every search, so Java serialization was the top of the relay benchmark's CPU
 * profile. Here each key is serialized once while it stays in a small table of recent keys; the order is
 * still that of the serialized bytes, so a store written before reads the same and the other way round.
 *
 * <p>A key found by identity is assumed unchanged: KeyValue is immutable, and ObjectDataType's own B-tree
 * would be out of order too if a stored key's contents changed.
 */
final class IndexKeyType extends ObjectDataType {

    // 2,048 keys of 200-300 serialized bytes each: at most about 1 MB per index map
    private static final int SLOTS = 2048;

    private final SerializedKey[] recent = new SerializedKey[SLOTS];

    private record SerializedKey(KeyValue key, byte[] bytes) {
    }

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue x && b instanceof KeyValue y) {
            // what ObjectDataType does for two serialized, non-Comparable objects (its compareNotNull: unsigned
            // bytes, then length), with the JDK's vectorized comparison: two keys share the first ~140 bytes
            return x == y ? 0 : Arrays.compareUnsigned(serialized(x), serialized(y));
        }
        return super.compare(a, b);
    }

    // Racy on purpose: a slot holds an immutable record, a lost or stale slot is only a miss.
    private byte[] serialized(KeyValue key) {
        int slot = System.identityHashCode(key) & (SLOTS - 1);
        SerializedKey known = recent[slot];
        if (known != null && known.key() == key) {
            return known.bytes();
        }
        byte[] bytes = serialize(key);
        recent[slot] = new SerializedKey(key, bytes);
        return bytes;
    }
}
