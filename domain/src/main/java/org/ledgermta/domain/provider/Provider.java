package org.ledgermta.domain.provider;

import java.util.List;
import java.util.Objects;

/** One "provider" section of providers.txt, its shaping filled in from the default's when it had none. */
record Provider(ProviderName name, List<MxPattern> mxPatterns, Shaping shaping, List<BackOffRule> backOffRules) {

    Provider {
        Objects.requireNonNull(name, "name is required");
        Objects.requireNonNull(shaping, "shaping is required");
        mxPatterns = List.copyOf(mxPatterns);
        backOffRules = List.copyOf(backOffRules);
    }

    boolean serves(String host) {
        for (MxPattern pattern : mxPatterns) {
            if (pattern.matches(host)) {
                return true;
            }
        }
        return false;
    }
}
