package org.ledgermta.api.store;

/** The ledger store cannot make a write durable now; callers answer with a temporary failure (4xx). */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message) {
        super(message);
    }

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
