package org.ledgermta.delivery.dns;

import java.util.Optional;

/**
 * Where {@link MxResolver} keeps DNS answers between resolutions: {@link RedisDnsCache}, or {@link #none()}. An
 * implementation never throws: a cache that fails is a cache that misses.
 */
public abstract sealed class DnsCache permits RedisDnsCache, DnsCache.None {

    private static final DnsCache NONE = new None();

    DnsCache() {
    }

    /** Every look-up goes to the DNS server. */
    public static DnsCache none() {
        return NONE;
    }

    abstract Optional<DnsAnswer> find(DnsQuestion question);

    /** Keeps {@code answer} for its TTL; a failure or a zero TTL is not kept. */
    abstract void remember(DnsQuestion question, DnsAnswer answer);

    static final class None extends DnsCache {
        @Override
        Optional<DnsAnswer> find(DnsQuestion question) {
            return Optional.empty();
        }

        @Override
        void remember(DnsQuestion question, DnsAnswer answer) {
        }
    }
}
