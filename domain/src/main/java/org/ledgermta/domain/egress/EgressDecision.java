package org.ledgermta.domain.egress;

import java.util.Objects;

public sealed interface EgressDecision {

    /** reused says every healthy IP had already been tried for this message, so this one is tried again. */
    record UseIp(EgressIpAddress ip, boolean reused) implements EgressDecision {
        public UseIp {
            Objects.requireNonNull(ip, "ip is required");
        }
    }

    /** The pool has no healthy IP: the message waits, rather than go out from a blacklisted one. */
    record NoHealthyIp() implements EgressDecision {
    }
}
