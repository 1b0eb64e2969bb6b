package org.ledgermta.projections.history;

import java.time.Instant;

/**
 * One egress IP as the pool view described it at some instant. {@code state} is ACTIVE, BLACKLISTED or RETIRED;
 * {@code lastBlock} is the block list and reply that last took it out (kept after a reinstatement, as in the
 * view); {@code since} is the time the last change gave for itself.
 */
public record EgressIpState(String address, String pool, String heloName, String state, String lastBlock,
                            Instant since) {
}
