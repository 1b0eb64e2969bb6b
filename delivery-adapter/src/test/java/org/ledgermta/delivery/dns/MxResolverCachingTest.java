package org.ledgermta.delivery.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledgermta.delivery.dns.MxResolverTest.EXAMPLE;
import static org.ledgermta.delivery.dns.MxResolverTest.SOA;
import static org.ledgermta.delivery.dns.MxResolverTest.hosts;

import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.ledgermta.delivery.dns.RouteResolution.DomainDoesNotExist;
import org.ledgermta.delivery.dns.RouteResolution.NoMailAccepted;
import org.ledgermta.delivery.testing.LoopbackDnsResponder;
import org.ledgermta.delivery.testing.StallingTcpRelay;
import org.ledgermta.domain.DomainName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ledgermta.delivery.testing.LocalRedis;
import org.xbill.DNS.Rcode;

class MxResolverCachingTest {

    private static final DomainName NOWHERE = new DomainName("nowhere.example.com");

    @RegisterExtension
    static final LocalRedis REDIS = new LocalRedis();

    private final String prefix = "ledgermta:dns:test:" + UUID.randomUUID() + ":";
    private LoopbackDnsResponder dns;

    @AfterEach
    void cleanUp() {
        dns.close();
        REDIS.deleteKeys(prefix);
    }

    private MxResolver cachingResolver(String... zone) throws IOException {
        dns = new LoopbackDnsResponder(zone);
        return resolver(new RedisDnsCache(REDIS.connection(), prefix));
    }

    private MxResolver resolver(DnsCache cache) {
        return new MxResolver(dns.address(), Duration.ofSeconds(2), 25, new Random(1), cache);
    }

    private long pttl(String key) {
        awaitTrue(() -> REDIS.connection().sync().exists(prefix + key) == 1, "key " + key + " written");
        return REDIS.connection().sync().pttl(prefix + key);
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as(what + " within 5 s").isNegative();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what, e);
            }
        }
    }

    @Test
    void aSecondResolutionWithinTheTtlDoesNotReachTheServer() throws IOException {
        MxResolver resolver = cachingResolver(SOA,
                "example.com. 300 MX 10 mx1.example.com.",
                "mx1.example.com. 300 A 127.0.0.21");
        RouteResolution first = resolver.resolve(EXAMPLE);
        pttl("aaaa:mx1.example.com");
        assertThat(dns.queries()).isEqualTo(3);

        assertThat(resolver.resolve(EXAMPLE)).isEqualTo(first);
        assertThat(dns.queries()).isEqualTo(3);
    }

    @Test
    void anAnswerIsAskedForAgainOnceItsTtlHasExpired() throws IOException {
        MxResolver resolver = cachingResolver(SOA,
                "example.com. 1 MX 10 mx1.example.com.",
                "mx1.example.com. 300 A 127.0.0.21");
        resolver.resolve(EXAMPLE);
        assertThat(pttl("mx:example.com")).isBetween(1L, 1000L);

        awaitTrue(() -> hosts(resolver.resolve(EXAMPLE)).size() == 1 && dns.queries("example.com.", "MX") == 2,
                "the MX records asked for again");
        assertThat(dns.queries("mx1.example.com.", "A")).as("the address, still cached").isEqualTo(1);
    }

    @Test
    void anAnswerIsKeptForTheSmallestTtlOfItsRecords() throws IOException {
        MxResolver resolver = cachingResolver(SOA,
                "example.com. 300 MX 10 mx1.example.com.",
                "mx1.example.com. 60 CNAME real.example.com.",
                "real.example.com. 300 A 127.0.0.21");
        resolver.resolve(EXAMPLE);

        assertThat(pttl("a:mx1.example.com")).isBetween(55_000L, 60_000L);
    }

    @Test
    void aNonexistentDomainIsRememberedForTheSoaMinimum() throws IOException {
        // RFC 2308 §5: the smaller of the SOA's TTL (3600) and its MINIMUM field (2).
        MxResolver resolver = cachingResolver(
                "example.com. 3600 SOA ns.example.com. hostmaster.example.com. 1 7200 900 1209600 2");
        assertThat(resolver.resolve(NOWHERE)).isInstanceOf(DomainDoesNotExist.class);
        assertThat(pttl("mx:nowhere.example.com")).isBetween(1L, 2000L);

        assertThat(resolver.resolve(NOWHERE)).isInstanceOf(DomainDoesNotExist.class);
        assertThat(dns.queries("nowhere.example.com.", "MX")).isEqualTo(1);
        awaitTrue(() -> resolver.resolve(NOWHERE) instanceof DomainDoesNotExist
                && dns.queries("nowhere.example.com.", "MX") == 2, "NXDOMAIN asked for again");
    }

    @Test
    void aNegativeAnswerIsRememberedForAnHourAtMost() throws IOException {
        MxResolver resolver = cachingResolver(
                "example.com. 86400 SOA ns.example.com. hostmaster.example.com. 1 7200 900 1209600 86400");
        resolver.resolve(NOWHERE);

        assertThat(pttl("mx:nowhere.example.com")).isBetween(3_590_000L, 3_600_000L);
    }

    @Test
    void aNegativeAnswerWithoutSoaIsNotRemembered() throws IOException {
        MxResolver resolver = cachingResolver("example.com. 300 A 127.0.0.21");
        resolver.resolve(NOWHERE);
        resolver.resolve(NOWHERE);

        assertThat(dns.queries("nowhere.example.com.", "MX")).isEqualTo(2);
    }

    @Test
    void aNullMxIsRememberedForItsTtl() throws IOException {
        MxResolver resolver = cachingResolver(SOA, "example.com. 120 MX 0 .");
        assertThat(resolver.resolve(EXAMPLE)).isInstanceOf(NoMailAccepted.class);
        assertThat(pttl("mx:example.com")).isBetween(115_000L, 120_000L);

        assertThat(resolver.resolve(EXAMPLE)).isInstanceOf(NoMailAccepted.class);
        assertThat(dns.queries()).isEqualTo(1);
    }

    @Test
    void aServerFailureIsNotRemembered() throws IOException {
        MxResolver resolver = cachingResolver(SOA, "example.com. 300 MX 10 mx1.example.com.");
        dns.answerWith("example.com.", Rcode.SERVFAIL);
        resolver.resolve(EXAMPLE);
        resolver.resolve(EXAMPLE);

        assertThat(dns.queries("example.com.", "MX")).isEqualTo(2);
        assertThat(REDIS.connection().sync().keys(prefix + "*")).isEmpty();
    }

    @Test
    void aClosedRedisConnectionDoesNotStopResolution() throws IOException {
        dns = new LoopbackDnsResponder(SOA, "example.com. 300 MX 10 mx1.example.com.",
                "mx1.example.com. 300 A 127.0.0.21");
        assertThat(hosts(resolver(new RedisDnsCache(REDIS.closedConnection(), prefix)).resolve(EXAMPLE)))
                .containsExactly("mx1.example.com");
    }

    @Test
    void aStalledRedisCostsOneCommandTimeoutAndThenIsLeftAlone() throws IOException {
        dns = new LoopbackDnsResponder(SOA, "example.com. 300 MX 10 mx1.example.com.",
                "mx1.example.com. 300 A 127.0.0.21");
        try (StallingTcpRelay relay = new StallingTcpRelay("127.0.0.1", 6379);
                StatefulRedisConnection<String, String> stalling =
                        REDIS.client().connect(RedisURI.create("127.0.0.1", relay.port()))) {
            relay.stall();
            MxResolver resolver = resolver(new RedisDnsCache(stalling, prefix, Duration.ofMillis(200),
                    Duration.ofMinutes(1)));

            long start = System.nanoTime();
            assertThat(hosts(resolver.resolve(EXAMPLE))).containsExactly("mx1.example.com");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1000));

            start = System.nanoTime();
            assertThat(hosts(resolver.resolve(EXAMPLE))).containsExactly("mx1.example.com");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(200));
        }
    }
}
