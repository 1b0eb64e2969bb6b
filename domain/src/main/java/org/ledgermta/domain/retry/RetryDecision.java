package org.ledgermta.domain.retry;

import java.time.Instant;
import java.util.Objects;

/** What to do with a message after a deferral: try again at a given instant, or give up because it is too old. */
public sealed interface RetryDecision {

    record RetryAt(Instant dueAt) implements RetryDecision {
        public RetryAt {
            Objects.requireNonNull(dueAt, "dueAt is required");
        }
    }

    /** The message has reached its maximum queue age: its remaining recipients expire and the sender gets a DSN. */
    record Expire(Instant expiresAt) implements RetryDecision {
        public Expire {
            Objects.requireNonNull(expiresAt, "expiresAt is required");
        }
    }
}
