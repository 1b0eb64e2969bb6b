package org.ledgermta.domain.provider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.ledgermta.domain.ShippedTable;
import org.ledgermta.domain.message.SmtpReply;

/**
 * The mailbox providers the MTA tells apart: which MX hosts are whose, how hard each may be pushed, and which of
 * its replies mean "slow down". Large providers answer for thousands of domains from one set of MX hosts and judge
 * a sender by its IP across all of them, so traffic is shaped per provider, found from the MX host, not per
 * recipient domain. The data lives in providers.txt, described at its top.
 */
public final class Providers {

    private static final String RESOURCE = "providers.txt";

    private final List<Provider> providers;
    private final Map<ProviderName, Provider> byName = new LinkedHashMap<>();
    private final Provider fallback;

    Providers(List<Provider> providers) {
        this.providers = List.copyOf(providers);
        for (Provider provider : this.providers) {
            byName.put(provider.name(), provider);
        }
        this.fallback = Objects.requireNonNull(byName.get(ProviderName.DEFAULT),
                "a 'provider default' section is required");
    }

    /** The table shipped with the domain module. */
    public static Providers standard() {
        return Standard.PROVIDERS;
    }

    /** A table in the format of providers.txt; errors name the source and the line, and say what to fix. */
    public static Providers parse(List<String> lines, String source) {
        Objects.requireNonNull(lines, "lines are required");
        Objects.requireNonNull(source, "source is required");
        return ProvidersParser.parse(lines, source);
    }

    /** The provider whose MX host this is: the first in file order with a matching mx line, else the default. */
    public ProviderName providerOf(String mxHost) {
        Objects.requireNonNull(mxHost, "MX host is required");
        String host = mxHost.strip().toLowerCase(Locale.ROOT);
        // The root's trailing dot, as DNS answers write it ("gmail-smtp-in.l.google.com.").
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        for (Provider provider : providers) {
            if (provider.serves(host)) {
                return provider.name();
            }
        }
        return ProviderName.DEFAULT;
    }

    /** The provider's shaping; the default provider's for a provider it does not know. */
    public Shaping shaping(ProviderName provider) {
        return byName.getOrDefault(provider, fallback).shaping();
    }

    /** The provider's first back-off rule, in file order, that matches the reply. */
    public Optional<BackOffRule> backOffFor(ProviderName provider, SmtpReply reply) {
        Objects.requireNonNull(reply, "reply is required");
        Provider known = byName.get(provider);
        if (known == null) {
            return Optional.empty();
        }
        return known.backOffRules().stream().filter(rule -> rule.matches(reply)).findFirst();
    }

    /** In file order, the default included. */
    public List<ProviderName> names() {
        return List.copyOf(byName.keySet());
    }

    /** Every provider's back-off rules, in file order. */
    public List<BackOffRule> backOffRules() {
        return providers.stream().flatMap(provider -> provider.backOffRules().stream()).toList();
    }

    // Loaded once, on first use; the table is immutable and thread-safe.
    private static final class Standard {
        static final Providers PROVIDERS =
                parse(ShippedTable.lines(Providers.class, RESOURCE, "The provider table"), RESOURCE);
    }
}
