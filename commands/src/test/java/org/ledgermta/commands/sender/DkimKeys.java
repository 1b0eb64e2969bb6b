package org.ledgermta.commands.sender;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.ledgermta.domain.sender.DkimAlgorithm;
import org.ledgermta.domain.sender.DkimKey;
import org.ledgermta.domain.sender.DkimSelector;

/** Well-formed keys for the aggregate tests; the key material differs per selector and per generation. */
final class DkimKeys {

    static final Instant REGISTERED_AT = Instant.parse("2026-03-01T08:00:00Z");

    private DkimKeys() {
    }

    static DkimKey key(String selector, int generation) {
        byte[] publicKey = new byte[32];
        Arrays.fill(publicKey, (byte) (selector.hashCode() + generation));
        return new DkimKey(new DkimSelector(selector), DkimAlgorithm.ED25519,
                Base64.getEncoder().encodeToString(publicKey), "vault:v1:" + selector + "-" + generation,
                REGISTERED_AT.plusSeconds(generation));
    }
}
