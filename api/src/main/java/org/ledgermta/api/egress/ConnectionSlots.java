package org.ledgermta.api.egress;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.ledgermta.domain.egress.EgressIpAddress;

/**
 * Transactions open at once from each egress IP to each receiver, on this node: the provider's "maximum
 * concurrent connections" holds per node (as PowerMTA's max-smtp-out does per instance). A named provider is one
 * receiver whatever its MX host; every other MX host is a receiver of its own, shaped as "default".
 */
final class ConnectionSlots {

    /** An egress IP and the receiver it connects to: a provider's name, or an MX host's. */
    record Key(EgressIpAddress ip, String receiver) {
    }

    private final Map<Key, AtomicInteger> open = new ConcurrentHashMap<>();

    /** Takes a slot unless {@code max} are taken. */
    boolean tryTake(Key key, int max) {
        AtomicInteger count = open.computeIfAbsent(key, k -> new AtomicInteger());
        while (true) {
            int now = count.get();
            if (now >= max) {
                return false;
            }
            if (count.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void giveBack(Key key) {
        open.get(key).decrementAndGet();
    }

    int open(Key key) {
        AtomicInteger count = open.get(key);
        return count == null ? 0 : count.get();
    }
}
