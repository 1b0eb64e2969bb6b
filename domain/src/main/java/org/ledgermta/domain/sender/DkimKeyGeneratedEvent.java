package org.ledgermta.domain.sender;

import org.ledgermta.domain.DomainName;

/**
 * A key is published for the domain and signs its mail from now on: the first key at registration, or the
 * new key of a rotation, then followed by the DkimKeyRotatedEvent that says until when the old one stays.
 */
public record DkimKeyGeneratedEvent(DomainName domain, DkimKey key) {
}
