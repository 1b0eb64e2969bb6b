package org.ledgermta.domain.sender;

import java.time.Instant;
import org.ledgermta.domain.DomainName;

/**
 * newSelector signs from now on; oldSelector no longer signs but stays published for verification until
 * oldKeyValidUntil, and until its DkimKeyRetiredEvent.
 */
public record DkimKeyRotatedEvent(
        DomainName domain, DkimSelector newSelector, DkimSelector oldSelector, Instant oldKeyValidUntil,
        Instant at) {
}
