package org.ledgermta.delivery.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledgermta.delivery.dns.MxResolverTest.EXAMPLE;
import static org.ledgermta.delivery.dns.MxResolverTest.SOA;
import static org.ledgermta.delivery.dns.MxResolverTest.hosts;

import java.io.IOException;
import java.time.Duration;
import java.util.Random;
import org.ledgermta.delivery.testing.LoopbackDnsResponder;
import org.ledgermta.domain.DomainName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeliveryRoutesTest {

    private LoopbackDnsResponder dns;
    private MxResolver mxResolver;

    @BeforeEach
    void start() throws IOException {
        dns = new LoopbackDnsResponder(SOA,
                "example.com. 300 MX 10 mx1.example.com.",
                "mx1.example.com. 300 A 127.0.0.21",
                "other.example.com. 300 MX 10 mx1.example.com.");
        mxResolver = new MxResolver(dns.address(), Duration.ofSeconds(2), 25, new Random(1), DnsCache.none());
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    @Test
    void aStaticRouteIsUsedWithoutAskingTheDns() {
        DeliveryRoutes routes = new DeliveryRoutes(StaticRoutes.parse("example.com=127.0.0.1:2526"), mxResolver);

        assertThat(hosts(routes.resolve(EXAMPLE))).containsExactly("127.0.0.1");
        assertThat(dns.queries()).isZero();
    }

    @Test
    void aDomainWithoutStaticRouteGoesToItsMx() {
        DeliveryRoutes routes = new DeliveryRoutes(StaticRoutes.parse("example.com=127.0.0.1:2526"), mxResolver);

        assertThat(hosts(routes.resolve(new DomainName("other.example.com")))).containsExactly("mx1.example.com");
    }

    @Test
    void theWildcardRouteTakesEveryDomainAwayFromTheMx() {
        DeliveryRoutes routes = new DeliveryRoutes(StaticRoutes.parse("*=[::1]:2526"), mxResolver);

        assertThat(hosts(routes.resolve(new DomainName("nowhere.example")))).containsExactly("::1");
        assertThat(dns.queries()).isZero();
    }
}
