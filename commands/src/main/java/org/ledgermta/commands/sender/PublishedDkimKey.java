package org.ledgermta.commands.sender;

import java.time.Instant;
import java.util.Objects;
import org.ledgermta.domain.sender.DkimKey;

/**
 * A key whose record is in DNS. validUntil is null for the active key, which signs the domain's mail; a
 * rotated-out key carries the end of its grace and stays published until it is retired.
 */
public record PublishedDkimKey(DkimKey key, Instant validUntil) {

    public PublishedDkimKey {
        Objects.requireNonNull(key, "key is required");
    }
}
