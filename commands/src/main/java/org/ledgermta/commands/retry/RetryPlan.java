package org.ledgermta.commands.retry;

import java.time.Duration;
import org.ledgermta.domain.retry.RetrySchedule;

/**
 * The retry saga's settings: the back-off schedule, and how soon a message goes out again after its IP
 * was block-listed (from another IP, "seconds, not the back-off").
 */
public record RetryPlan(RetrySchedule schedule, Duration afterEgressBlock) {

    public RetryPlan {
        if (afterEgressBlock.isNegative() || afterEgressBlock.isZero()) {
            throw new IllegalArgumentException("the retry delay after a block-listing must be positive, was "
                    + afterEgressBlock);
        }
    }
}
