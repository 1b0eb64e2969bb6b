package org.ledgermta.projections.sender;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.DomainName;
import org.ledgermta.domain.sender.DkimKey;

/**
 * A registered sender domain: whose it is, the key it is signed with now, and the keys still published
 * for verification (a rotated key stays valid until {@code validUntil} so mail in flight still verifies).
 */
public record SenderDomainView(DomainName domain, AccountId account, List<PublishedKey> keys, Instant registeredAt) {

    /** A key and until when it must stay published; {@code validUntil} is null for the active key. */
    public record PublishedKey(DkimKey key, Instant validUntil) {
        public boolean active() {
            return validUntil == null;
        }
    }

    public SenderDomainView {
        keys = List.copyOf(keys);
    }

    public Optional<DkimKey> activeKey() {
        return keys.stream().filter(PublishedKey::active).map(PublishedKey::key).findFirst();
    }
}
