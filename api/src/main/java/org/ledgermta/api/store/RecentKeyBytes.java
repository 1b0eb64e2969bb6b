package org.ledgermta.api.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The stored bytes of the index keys an index map met last (2,048 slots by identity), so that a B-tree search,
 * which compares its key with about 2·log2(n) stored keys and with the root and inner pages' keys every time,
 * encodes each key once while it stays here instead of on every comparison.
 *
 * <p>A key found by identity is assumed unchanged: KeyValue is immutable, and the B-tree would be out of
 * order too if a stored key's contents changed. Racy on purpose: a slot holds an immutable record, a lost or
 * stale slot is only a miss.
 */
final class RecentKeyBytes {

    // 2,048 keys of 100-300 bytes each: at most about 1 MB per index map
    private static final int SLOTS = 2048;

    private final Entry[] recent = new Entry[SLOTS];

    private record Entry(KeyValue key, byte[] bytes) {
    }

    /** The order of two keys by their stored bytes (unsigned, then by length), each encoded at most once here. */
    int compare(KeyValue x, KeyValue y, Function<KeyValue, byte[]> encoding) {
        // the JDK's vectorized comparison: two keys often share their first hundred bytes and more
        return x == y ? 0 : Arrays.compareUnsigned(of(x, encoding), of(y, encoding));
    }

    byte[] of(KeyValue key, Function<KeyValue, byte[]> encoding) {
        int slot = slot(key);
        Entry known = recent[slot];
        if (known != null && known.key() == key) {
            return known.bytes();
        }
        byte[] bytes = encoding.apply(key);
        recent[slot] = new Entry(key, bytes);
        return bytes;
    }

    void remember(KeyValue key, byte[] bytes) {
        recent[slot(key)] = new Entry(key, bytes);
    }

    private static int slot(KeyValue key) {
        return System.identityHashCode(key) & (SLOTS - 1);
    }
}
