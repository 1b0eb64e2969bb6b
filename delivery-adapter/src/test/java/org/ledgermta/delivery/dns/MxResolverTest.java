package org.ledgermta.delivery.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.ledgermta.delivery.dns.RouteResolution.Destinations;
import org.ledgermta.delivery.dns.RouteResolution.DomainDoesNotExist;
import org.ledgermta.delivery.dns.RouteResolution.NoMailAccepted;
import org.ledgermta.delivery.dns.RouteResolution.TemporaryFailure;
import org.ledgermta.delivery.testing.LoopbackDnsResponder;
import org.ledgermta.domain.DomainName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xbill.DNS.Rcode;

class MxResolverTest {

    static final String SOA = "example.com. 3600 SOA ns.example.com. hostmaster.example.com. 1 7200 900 1209600 300";
    static final DomainName EXAMPLE = new DomainName("example.com");
    private static final int PORT = 2526;

    private LoopbackDnsResponder dns;

    @AfterEach
    void stop() {
        if (dns != null) {
            dns.close();
        }
    }

    private MxResolver resolver(String... zone) throws IOException {
        return resolver(Duration.ofSeconds(2), zone);
    }

    private MxResolver resolver(Duration timeout, String... zone) throws IOException {
        dns = new LoopbackDnsResponder(zone);
        return new MxResolver(dns.address(), timeout, PORT, new Random(1), DnsCache.none());
    }

    static List<String> hosts(RouteResolution resolution) {
        assertThat(resolution).isInstanceOf(Destinations.class);
        return ((Destinations) resolution).inOrder().stream().map(Destination::host).toList();
    }

    @Test
    void mxHostsComeInPreferenceOrderOnTheDeliveryPort() throws IOException {
        MxResolver resolver = resolver(SOA,
                "example.com. 300 MX 20 mx2.example.com.",
                "example.com. 300 MX 10 mx1.example.com.",
                "example.com. 300 MX 30 mx3.example.com.",
                "mx1.example.com. 300 A 127.0.0.21",
                "mx2.example.com. 300 A 127.0.0.22",
                "mx3.example.com. 300 A 127.0.0.23");

        RouteResolution resolution = resolver.resolve(EXAMPLE);

        assertThat(resolution).isEqualTo(new Destinations(List.of(
                new Destination("mx1.example.com", InetAddress.getByName("127.0.0.21"), PORT, 10),
                new Destination("mx2.example.com", InetAddress.getByName("127.0.0.22"), PORT, 20),
                new Destination("mx3.example.com", InetAddress.getByName("127.0.0.23"), PORT, 30))));
    }

    @Test
    void anMxHostGivesItsIpv4AddressesBeforeItsIpv6Ones() throws IOException {
        MxResolver resolver = resolver(SOA,
                "example.com. 300 MX 10 mx1.example.com.",
                "mx1.example.com. 300 AAAA ::1",
                "mx1.example.com. 300 A 127.0.0.21");

        List<InetAddress> addresses = ((Destinations) resolver.resolve(EXAMPLE)).inOrder().stream()
                .map(Destination::address).toList();

        assertThat(addresses).containsExactly(InetAddress.getByName("127.0.0.21"), InetAddress.getByName("::1"));
    }

    @Test
    void aDomainWithoutMxIsItsOwnMxOfPreferenceZero() throws IOException {
        MxResolver resolver = resolver(SOA, "example.com. 300 A 127.0.0.21");

        assertThat(resolver.resolve(EXAMPLE)).isEqualTo(new Destinations(List.of(
                new Destination("example.com", InetAddress.getByName("127.0.0.21"), PORT, 0))));
    }

    @Test
    void aDomainWithNeitherMxNorAddressAcceptsNoMail() throws IOException {
        MxResolver resolver = resolver(SOA, "example.com. 300 TXT \"v=spf1 -all\"");

        assertThat(resolver.resolve(EXAMPLE)).isInstanceOf(NoMailAccepted.class);
    }

    @Test
    void aNullMxMeansNoMailIsAcceptedAndNoAddressIsLookedUp() throws IOException {
        MxResolver resolver = resolver(SOA, "example.com. 300 MX 0 .", "example.com. 300 A 127.0.0.21");

        RouteResolution resolution = resolver.resolve(EXAMPLE);

        assertThat(resolution).isInstanceOf(NoMailAccepted.class);
        assertThat(((NoMailAccepted) resolution).reason()).contains("null MX");
        assertThat(dns.queries("example.com.", "A")).isZero();
    }

    @Test
    void aNonexistentDomainDoesNotExist() throws IOException {
        MxResolver resolver = resolver(SOA);

        assertThat(resolver.resolve(new DomainName("nowhere.example.com"))).isInstanceOf(DomainDoesNotExist.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SERVFAIL", "REFUSED"})
    void aServerFailureIsTemporary(String rcode) throws IOException {
        MxResolver resolver = resolver(SOA, "example.com. 300 MX 10 mx1.example.com.");
        dns.answerWith("example.com.", Rcode.value(rcode));

        RouteResolution resolution = resolver.resolve(EXAMPLE);

        assertThat(resolution).isInstanceOf(TemporaryFailure.class);
        assertThat(((TemporaryFailure) resolution).reason()).contains(rcode);
    }

    @Test
    void aSilentServerIsATemporaryFailureWithinTheTimeout() throws IOException {
        Duration timeout = Duration.ofMillis(300);
        MxResolver resolver = resolver(timeout, SOA, "example.com. 300 MX 10 mx1.example.com.");
        dns.neverAnswer();

        long start = System.nanoTime();
        RouteResolution resolution = resolver.resolve(EXAMPLE);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(resolution).isInstanceOf(TemporaryFailure.class);
        assertThat(took).isLessThan(timeout.plusMillis(500));
    }

    @Test
    void anMxHostWithoutAddressIsSkipped() throws IOException {
        MxResolver resolver = resolver(SOA,
                "example.com. 300 MX 10 gone.example.com.",
                "example.com. 300 MX 20 bare.example.com.",
                "example.com. 300 MX 30 mx3.example.com.",
                "bare.example.com. 300 TXT \"no address here\"",
                "mx3.example.com. 300 A 127.0.0.23");

        assertThat(hosts(resolver.resolve(EXAMPLE))).containsExactly("mx3.example.com");
    }

    @Test
    void anMxHostWhoseLookupTimesOutIsSkippedWithinTheTimeout() throws IOException {
        Duration timeout = Duration.ofMillis(300);
        MxResolver resolver = resolver(timeout, SOA,
                "example.com. 300 MX 10 mx1.example.com.",
                "example.com. 300 MX 20 mx2.example.com.",
                "mx1.example.com. 300 A 127.0.0.21",
                "mx2.example.com. 300 A 127.0.0.22");
        dns.neverAnswer("mx1.example.com.");

        long start = System.nanoTime();
        RouteResolution resolution = resolver.resolve(EXAMPLE);

        assertThat(hosts(resolution)).containsExactly("mx2.example.com");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(timeout.plusMillis(500));
    }

    @Test
    void noMxHostWithAnAddressIsATemporaryFailureNamingEachHost() throws IOException {
        MxResolver resolver = resolver(SOA,
                "example.com. 300 MX 10 gone.example.com.",
                "example.com. 300 MX 20 broken.example.com.");
        dns.answerWith("broken.example.com.", Rcode.SERVFAIL);

        RouteResolution resolution = resolver.resolve(EXAMPLE);

        assertThat(resolution).isInstanceOf(TemporaryFailure.class);
        assertThat(((TemporaryFailure) resolution).reason())
                .contains("gone.example.com (A: NXDOMAIN", "broken.example.com (A: ", "SERVFAIL");
    }

    @Test
    void aCnameToTheMxHostsAddressIsFollowed() throws IOException {
        MxResolver resolver = resolver(SOA,
                "example.com. 300 MX 10 mx1.example.com.",
                "mx1.example.com. 300 CNAME real.example.com.",
                "real.example.com. 300 A 127.0.0.21");

        assertThat(((Destinations) resolver.resolve(EXAMPLE)).inOrder().getFirst().address())
                .isEqualTo(InetAddress.getByName("127.0.0.21"));
    }

    @Test
    void aTruncatedUdpAnswerIsFetchedAgainOverTcp() throws IOException {
        MxResolver resolver = resolver(SOA,
                "example.com. 300 MX 10 mx1.example.com.",
                "mx1.example.com. 300 A 127.0.0.21");
        dns.truncateEveryUdpAnswer();

        assertThat(hosts(resolver.resolve(EXAMPLE))).containsExactly("mx1.example.com");
        assertThat(dns.tcpQueries()).isEqualTo(3);
    }
}
