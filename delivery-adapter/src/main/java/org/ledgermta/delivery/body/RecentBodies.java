package org.ledgermta.delivery.body;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The bodies stored or loaded last, by SHA-256, up to a budget of bytes; the oldest go first. Most mail is
 * delivered within a second of its acceptance, so its delivery finds the body here instead of reading it
 * back from the store. A copy of what the store holds (content is immutable under its hash): never the
 * only one.
 */
final class RecentBodies {

    private final long budgetBytes;
    private final Map<String, byte[]> bodies = new LinkedHashMap<>();
    private long bytes;

    RecentBodies(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    synchronized void put(String sha256, byte[] content) {
        if (content.length > budgetBytes / 4) {
            return; // a few large bodies would push out all the others
        }
        byte[] previous = bodies.put(sha256, content);
        if (previous != null) {
            bytes -= previous.length;
        }
        bytes += content.length;
        Iterator<byte[]> oldest = bodies.values().iterator();
        while (bytes > budgetBytes && oldest.hasNext()) {
            bytes -= oldest.next().length;
            oldest.remove();
        }
    }

    synchronized Optional<byte[]> get(String sha256) {
        return Optional.ofNullable(bodies.get(sha256));
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized int size() {
        return bodies.size();
    }
}
