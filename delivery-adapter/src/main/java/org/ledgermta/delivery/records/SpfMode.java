package org.ledgermta.delivery.records;

import java.util.List;
import org.ledgermta.domain.DomainName;
import org.ledgermta.domain.egress.EgressIpAddress;

/** How a sender domain's SPF record authorises our egress IPs. */
public sealed interface SpfMode {

    /** The pool's egress IPs listed in the customer's record: no look-up for receivers, but edited on pool changes. */
    record EgressIps(List<EgressIpAddress> ips) implements SpfMode {
        public EgressIps {
            ips = List.copyOf(ips);
            if (ips.isEmpty()) {
                throw new IllegalArgumentException("An SPF record built from egress IPs needs at least one egress IP"
                        + " (mta.egress.ips).");
            }
        }
    }

    /**
     * Include our own SPF domain, which lists the pool: the customer's record never changes when the pool does, at
     * the cost of one of the ten DNS look-ups a receiver allows (RFC 7208 §4.6.4).
     */
    record Include(DomainName ourSpfDomain) implements SpfMode {
        public Include {
            if (ourSpfDomain == null) {
                throw new IllegalArgumentException("Include mode needs our SPF domain, for example 'spf.mta.example'.");
            }
        }
    }

    static SpfMode egressIps(List<EgressIpAddress> ips) {
        return new EgressIps(ips);
    }

    static SpfMode include(DomainName ourSpfDomain) {
        return new Include(ourSpfDomain);
    }
}
