package org.ledgermta.projections.stats;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.ledgermta.domain.account.RejectionReason;

/**
 * What one account did in a window: messages accepted and their recipients (not the DSNs the relay wrote to
 * its senders, whose delivery counts all the same), recipients delivered, deferred
 * (an egress block counts here: for the message it is a deferral) and bounced, and messages the intake
 * rejected, in all and by reason (only the reasons that occurred, in the enum's order).
 */
public record AccountCounts(long accepted, long recipients, long delivered, long deferred, long bounced,
                            long rejected, Map<RejectionReason, Long> rejectedByReason) {

    public AccountCounts {
        EnumMap<RejectionReason, Long> copy = new EnumMap<>(RejectionReason.class);
        copy.putAll(rejectedByReason);
        rejectedByReason = Collections.unmodifiableMap(copy);
    }
}
