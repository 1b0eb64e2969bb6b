package org.ledgermta.delivery.limit;

/** Redis could not answer an operator's question about volume counts; the message says why, in one sentence. */
public final class VolumeCounterUnavailableException extends RuntimeException {

    public VolumeCounterUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
