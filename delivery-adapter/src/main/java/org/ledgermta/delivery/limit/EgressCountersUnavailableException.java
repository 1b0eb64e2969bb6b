package org.ledgermta.delivery.limit;

/** Redis could not be asked about the egress counters; the message says why, in a sentence. */
public final class EgressCountersUnavailableException extends RuntimeException {

    public EgressCountersUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
