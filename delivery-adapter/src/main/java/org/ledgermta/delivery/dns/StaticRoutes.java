package org.ledgermta.delivery.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.ledgermta.domain.DomainName;
import org.xbill.DNS.Address;

/**
 * Routes that override MX, from {@code mta.routes}: {@code example.com=127.0.0.1:2526, *=[::1]:2526}. A domain's
 * own route beats {@code *}; {@code example.com} does not cover {@code sub.example.com}. Hosts are IP addresses,
 * IPv6 in brackets, so that a route never depends on DNS.
 */
public final class StaticRoutes {

    private static final String KEY = "mta.routes";
    private static final String EXPECTED = "expected domain=host:port, for example example.com=127.0.0.1:2526"
            + " or *=[::1]:2526";

    private final Map<DomainName, Destination> byDomain;
    private final Destination everyDomain;

    private StaticRoutes(Map<DomainName, Destination> byDomain, Destination everyDomain) {
        this.byDomain = Map.copyOf(byDomain);
        this.everyDomain = everyDomain;
    }

    public static StaticRoutes none() {
        return new StaticRoutes(Map.of(), null);
    }

    /** Parses the comma-separated list; null or blank is no route. Throws naming the faulty entry and the fault. */
    public static StaticRoutes parse(String text) {
        if (text == null || text.isBlank()) {
            return none();
        }
        Map<DomainName, Destination> byDomain = new HashMap<>();
        Destination everyDomain = null;
        String[] entries = text.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            if (entry.isEmpty()) {
                throw new IllegalArgumentException(KEY + " entry " + (i + 1) + " of " + entries.length
                        + " is empty: " + EXPECTED + ", entries separated by commas");
            }
            int equals = entry.indexOf('=');
            if (equals < 0) {
                throw invalid(entry, "no '=': " + EXPECTED);
            }
            String domain = entry.substring(0, equals).strip();
            Destination destination = destination(entry, entry.substring(equals + 1).strip());
            if (domain.equals("*")) {
                if (everyDomain != null) {
                    throw invalid(entry, "'*' is routed twice");
                }
                everyDomain = destination;
            } else if (byDomain.put(domainName(entry, domain), destination) != null) {
                throw invalid(entry, domain + " is routed twice");
            }
        }
        return new StaticRoutes(byDomain, everyDomain);
    }

    public Optional<Destination> routeFor(DomainName domain) {
        Objects.requireNonNull(domain, "domain");
        return Optional.ofNullable(byDomain.getOrDefault(domain, everyDomain));
    }

    private static DomainName domainName(String entry, String domain) {
        if (domain.isEmpty()) {
            throw invalid(entry, "no domain before '=': " + EXPECTED);
        }
        if (domain.startsWith("*")) {
            throw invalid(entry, "only '*' alone stands for every domain; patterns like '" + domain
                    + "' are not supported");
        }
        try {
            return new DomainName(domain);
        } catch (IllegalArgumentException e) {
            throw invalid(entry, e.getMessage());
        }
    }

    private static Destination destination(String entry, String target) {
        String host;
        String port;
        int family;
        if (target.startsWith("[")) {
            int close = target.indexOf(']');
            if (close < 0) {
                throw invalid(entry, "'[' without ']': an IPv6 address is written [::1]:2526");
            }
            host = target.substring(1, close);
            String rest = target.substring(close + 1);
            if (!rest.startsWith(":")) {
                throw invalid(entry, "no port after '" + target.substring(0, close + 1) + "': " + EXPECTED);
            }
            port = rest.substring(1);
            family = Address.IPv6;
        } else {
            int colon = target.lastIndexOf(':');
            if (colon < 0) {
                throw invalid(entry, "no port in '" + target + "': " + EXPECTED);
            }
            host = target.substring(0, colon);
            port = target.substring(colon + 1);
            if (host.contains(":")) {
                throw invalid(entry, "an IPv6 address goes in brackets, as [" + host + "]:" + port);
            }
            family = Address.IPv4;
        }
        if (host.isEmpty()) {
            throw invalid(entry, "no host before the port: " + EXPECTED);
        }
        byte[] bytes = Address.toByteArray(host, family);
        if (bytes == null) {
            throw invalid(entry, "'" + host + "' is not an " + (family == Address.IPv4 ? "IPv4" : "IPv6")
                    + " address: static routes name an IP address, so that they never depend on DNS");
        }
        return new Destination(host, address(bytes), port(entry, port), 0);
    }

    private static int port(String entry, String port) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(entry, "port '" + port + "' is not a number from 1 to 65535");
        }
        int value = Integer.parseInt(port);
        if (value < 1 || value > 65535) {
            throw invalid(entry, "port " + value + " is outside 1 to 65535");
        }
        return value;
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes", e);
        }
    }

    private static IllegalArgumentException invalid(String entry, String problem) {
        return new IllegalArgumentException(KEY + " entry '" + entry + "': " + problem);
    }
}
