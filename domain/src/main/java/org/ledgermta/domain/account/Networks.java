package org.ledgermta.domain.account;

import java.util.LinkedHashSet;
import java.util.List;

final class Networks {

    private Networks() {
    }

    // A network listed twice (perhaps spelt differently: 2001:DB8::/32 and 2001:db8::/32) is kept once.
    static List<Cidr> distinct(List<Cidr> networks, String what) {
        if (networks == null) {
            throw new IllegalArgumentException(what + " needs a list of networks; an empty list allows none.");
        }
        for (Cidr network : networks) {
            if (network == null) {
                throw new IllegalArgumentException(what + " lists a null network: expected CIDRs such as "
                        + "203.0.113.0/24.");
            }
        }
        return List.copyOf(new LinkedHashSet<>(networks));
    }
}
