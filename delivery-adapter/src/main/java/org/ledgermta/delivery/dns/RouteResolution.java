package org.ledgermta.delivery.dns;

import java.util.List;

/**
 * Where mail for one domain can go. Only {@link TemporaryFailure} is worth retrying; {@link NoMailAccepted} and
 * {@link DomainDoesNotExist} are permanent and bounce the recipients of that domain at once.
 */
public sealed interface RouteResolution {

    /** Addresses to try in this order: MX preference first, equal preferences shuffled, IPv4 before IPv6. */
    record Destinations(List<Destination> inOrder) implements RouteResolution {
        public Destinations {
            inOrder = List.copyOf(inOrder);
            if (inOrder.isEmpty()) {
                throw new IllegalArgumentException("Destinations needs at least one destination");
            }
        }
    }

    /** A null MX (RFC 7505), or neither MX nor address records (RFC 5321 §5.1): permanent. */
    record NoMailAccepted(String reason) implements RouteResolution {
        public NoMailAccepted {
            requireReason(reason);
        }
    }

    /** NXDOMAIN: permanent. */
    record DomainDoesNotExist(String reason) implements RouteResolution {
        public DomainDoesNotExist {
            requireReason(reason);
        }
    }

    /** SERVFAIL, REFUSED, no answer in time, or no MX host with an address: try again later. */
    record TemporaryFailure(String reason) implements RouteResolution {
        public TemporaryFailure {
            requireReason(reason);
        }
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a route resolution failure needs a reason");
        }
    }
}
