package org.ledgermta.api.replay;

/** A second replay was asked for while one runs: two would clear each other's work. */
public final class ReplayAlreadyRunningException extends RuntimeException {

    ReplayAlreadyRunningException() {
        super("A replay is already running: wait for its 'done:' line, then start another if still needed.");
    }
}
