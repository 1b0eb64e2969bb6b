package org.ledgermta.delivery.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedSet;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.ledgermta.domain.DomainName;
import org.xbill.DNS.Address;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Finds where mail for a domain goes (RFC 5321 §5.1), asking one DNS server directly and caching in a
 * {@link DnsCache}, so that the rcode and the TTLs are ours to judge rather than a library cache's.
 *
 * <p>A resolution has at most two rounds, each bounded by {@code timeout}: the MX look-up, then the A and AAAA
 * look-ups of every MX host (or of the domain itself) in parallel. Thread-safe.
 */
public final class MxResolver {

    public static final int DEFAULT_DELIVERY_PORT = 25;

    private final SimpleResolver resolver;
    private final InetSocketAddress dnsServer;
    private final Duration timeout;
    private final int deliveryPort;
    private final RandomGenerator random;
    private final DnsCache cache;

    public MxResolver(InetSocketAddress dnsServer, Duration timeout, int deliveryPort, RandomGenerator random,
            DnsCache cache) {
        this.dnsServer = Objects.requireNonNull(dnsServer, "dnsServer");
        if (dnsServer.isUnresolved()) {
            throw new IllegalArgumentException("the DNS server " + dnsServer + " must be given by its IP address");
        }
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the DNS timeout must be positive, was " + timeout);
        }
        if (deliveryPort < 1 || deliveryPort > 65535) {
            throw new IllegalArgumentException("the delivery port must be 1 to 65535, was " + deliveryPort);
        }
        this.deliveryPort = deliveryPort;
        this.random = Objects.requireNonNull(random, "random");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.resolver = new SimpleResolver(dnsServer);
        this.resolver.setTimeout(timeout);
    }

    /** The first name server of the system's configuration (resolv.conf), as dnsjava reads it; localhost:53 if none. */
    public static InetSocketAddress systemDnsServer() {
        return ResolverConfig.getCurrentConfig().server();
    }

    public RouteResolution resolve(DomainName domain) {
        Objects.requireNonNull(domain, "domain");
        String name = domain.value();
        DnsAnswer mx = ask(new DnsQuestion(name, Type.MX)).join();
        return switch (mx) {
            case DnsAnswer.Records records -> mxHosts(name, records.values());
            // RFC 5321 §5.1: no MX records at all → the domain's own address is an implicit MX of preference 0.
            case DnsAnswer.NoRecords ignored -> implicitMx(name);
            case DnsAnswer.NoSuchDomain ignored ->
                    new RouteResolution.DomainDoesNotExist(name + " does not exist (NXDOMAIN)");
            case DnsAnswer.Failure failure -> new RouteResolution.TemporaryFailure(
                    "looking up the MX records of " + name + " failed: " + failure.reason());
        };
    }

    private RouteResolution mxHosts(String domain, List<String> mxValues) {
        TreeMap<Integer, List<String>> byPreference = new TreeMap<>();
        for (String value : mxValues) {
            int space = value.indexOf(' ');
            String host = value.substring(space + 1);
            // RFC 7505 §3: the target "." means "no mail here"; a null MX mixed with real ones is ignored.
            if (!host.equals(".")) {
                byPreference.computeIfAbsent(Integer.parseInt(value.substring(0, space)), p -> new ArrayList<>())
                        .add(host);
            }
        }
        if (byPreference.isEmpty()) {
            return new RouteResolution.NoMailAccepted(domain + " publishes a null MX: it accepts no mail (RFC 7505)");
        }
        // RFC 5321 §5.1: equal preferences in random order, to spread the load across them.
        Map<String, Integer> hosts = new LinkedHashMap<>();
        synchronized (random) {
            byPreference.forEach((preference, group) -> {
                Collections.shuffle(group, random);
                group.forEach(host -> hosts.putIfAbsent(host, preference));
            });
        }

        Map<String, AddressLookup> lookups = new LinkedHashMap<>();
        hosts.keySet().forEach(host -> lookups.put(host, new AddressLookup(host)));
        List<Destination> destinations = new ArrayList<>();
        List<String> unusable = new ArrayList<>();
        hosts.forEach((host, preference) -> {
            AddressLookup lookup = lookups.get(host);
            List<InetAddress> addresses = lookup.addresses();
            addresses.forEach(address -> destinations.add(new Destination(host, address, deliveryPort, preference)));
            if (addresses.isEmpty()) {
                unusable.add(host + " (" + lookup.whyNone() + ")");
            }
        });
        if (destinations.isEmpty()) {
            return new RouteResolution.TemporaryFailure(
                    "no MX host of " + domain + " has an address: " + String.join(", ", unusable));
        }
        return new RouteResolution.Destinations(destinations);
    }

    private RouteResolution implicitMx(String domain) {
        AddressLookup lookup = new AddressLookup(domain);
        List<InetAddress> addresses = lookup.addresses();
        if (!addresses.isEmpty()) {
            return new RouteResolution.Destinations(addresses.stream()
                    .map(address -> new Destination(domain, address, deliveryPort, 0))
                    .toList());
        }
        if (lookup.anyFailure()) {
            return new RouteResolution.TemporaryFailure("looking up the address of " + domain
                    + " (it has no MX records) failed: " + lookup.whyNone());
        }
        if (lookup.anyNoSuchDomain()) {
            return new RouteResolution.DomainDoesNotExist(domain + " does not exist (NXDOMAIN)");
        }
        return new RouteResolution.NoMailAccepted(domain + " has neither MX records nor an A or AAAA address:"
                + " it accepts no mail (RFC 5321 §5.1)");
    }

    /** The A and AAAA look-ups of one host, sent together on construction. */
    private final class AddressLookup {
        private final CompletableFuture<DnsAnswer> ipv4;
        private final CompletableFuture<DnsAnswer> ipv6;

        AddressLookup(String host) {
            ipv4 = ask(new DnsQuestion(host, Type.A));
            ipv6 = ask(new DnsQuestion(host, Type.AAAA));
        }

        List<InetAddress> addresses() {
            SequencedSet<InetAddress> addresses = new LinkedHashSet<>();
            for (DnsAnswer answer : List.of(ipv4.join(), ipv6.join())) {
                if (answer instanceof DnsAnswer.Records records) {
                    records.values().forEach(value -> addresses.add(literal(value)));
                }
            }
            return List.copyOf(addresses);
        }

        boolean anyFailure() {
            return ipv4.join() instanceof DnsAnswer.Failure || ipv6.join() instanceof DnsAnswer.Failure;
        }

        boolean anyNoSuchDomain() {
            return ipv4.join() instanceof DnsAnswer.NoSuchDomain || ipv6.join() instanceof DnsAnswer.NoSuchDomain;
        }

        String whyNone() {
            return "A: " + summary(ipv4.join()) + "; AAAA: " + summary(ipv6.join());
        }

        private static String summary(DnsAnswer answer) {
            return switch (answer) {
                case DnsAnswer.Records records -> records.values().size() + " record(s)";
                case DnsAnswer.NoRecords ignored -> "no records";
                case DnsAnswer.NoSuchDomain ignored -> "NXDOMAIN";
                case DnsAnswer.Failure failure -> failure.reason();
            };
        }
    }

    /** Completes within the timeout and never exceptionally: a late, lost or garbled reply is a Failure. */
    private CompletableFuture<DnsAnswer> ask(DnsQuestion question) {
        var cached = cache.find(question);
        if (cached.isPresent()) {
            return CompletableFuture.completedFuture(cached.get());
        }
        Message query = Message.newQuery(Record.newRecord(question.dnsName(), question.type(), DClass.IN));
        CompletableFuture<DnsAnswer> answer;
        try {
            // The reply is parsed on dnsjava's I/O thread rather than the common pool, so that DNS answers never
            // wait behind whatever else the application runs there.
            answer = resolver.sendAsync(query, Runnable::run).toCompletableFuture()
                    .handle((response, failure) -> failure == null
                            ? DnsAnswer.of(question, response)
                            : new DnsAnswer.Failure("no usable reply from " + server() + " to " + question + ": "
                                    + rootCause(failure)));
        } catch (RuntimeException e) {
            answer = CompletableFuture.completedFuture(
                    new DnsAnswer.Failure("could not ask " + server() + " " + question + ": " + e));
        }
        return answer
                .completeOnTimeout(new DnsAnswer.Failure("no reply from " + server() + " to " + question
                        + " within " + timeout.toMillis() + " ms"), timeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(result -> {
                    cache.remember(question, result);
                    return result;
                });
    }

    private String server() {
        return dnsServer.getAddress().getHostAddress() + ":" + dnsServer.getPort();
    }

    private static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    private static InetAddress literal(String address) {
        byte[] bytes = Address.toByteArray(address, Address.IPv4);
        if (bytes == null) {
            bytes = Address.toByteArray(address, Address.IPv6);
        }
        try {
            return InetAddress.getByAddress(Objects.requireNonNull(bytes, () -> "not an address literal: " + address));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("not an address: " + address, e);
        }
    }
}
