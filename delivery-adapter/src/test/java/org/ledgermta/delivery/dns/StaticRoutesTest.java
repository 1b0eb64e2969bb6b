package org.ledgermta.delivery.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.ledgermta.domain.DomainName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class StaticRoutesTest {

    @ParameterizedTest(name = "''{0}'' routes {1} to {2} port {3}")
    @CsvSource(delimiter = '|', value = {
            "example.com=127.0.0.1:2526                     | example.com | 127.0.0.1 | 2526",
            "  Example.COM.  =  127.0.0.1:2526              | example.com | 127.0.0.1 | 2526",
            "*=127.0.0.1:25                                 | any.example | 127.0.0.1 | 25",
            "example.com=[::1]:2526                         | example.com | ::1       | 2526",
            "example.com=[::ffff:7f00:1]:65535              | example.com | 127.0.0.1 | 65535",
            "a.example=127.0.0.2:1, b.example=127.0.0.3:2   | b.example   | 127.0.0.3 | 2"})
    void aValidListParses(String text, String domain, String address, int port) throws UnknownHostException {
        Optional<Destination> route = StaticRoutes.parse(text).routeFor(new DomainName(domain));

        assertThat(route).get().extracting(Destination::address, Destination::port, Destination::preference)
                .containsExactly(InetAddress.getByName(address), port, 0);
    }

    @ParameterizedTest(name = "{0} is refused: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "example.com=127.0.0.1:2526,,*=127.0.0.1:2526   | entry 2 of 3 is empty",
            "example.com=127.0.0.1:2526,                    | entry 2 of 2 is empty",
            "example.com                                    | 'example.com': no '='",
            "=127.0.0.1:2526                                | no domain before '='",
            "*.example.com=127.0.0.1:2526                   | only '*' alone",
            "exa_mple.com=127.0.0.1:2526                    | 'exa_mple.com=127.0.0.1:2526': Domain name",
            "example.com=127.0.0.1                          | no port in '127.0.0.1'",
            "example.com=127.0.0.1:                         | port '' is not a number",
            "example.com=127.0.0.1:0                        | port 0 is outside 1 to 65535",
            "example.com=127.0.0.1:65536                    | port 65536 is outside",
            "example.com=127.0.0.1:smtp                     | port 'smtp' is not a number",
            "example.com=:2526                              | no host before the port",
            "example.com=mx.example.net:25                  | 'mx.example.net' is not an IPv4 address",
            "example.com=127.0.0.256:25                     | '127.0.0.256' is not an IPv4 address",
            "example.com=::1:2526                           | an IPv6 address goes in brackets, as [::1]:2526",
            "example.com=[::1:2526                          | '[' without ']'",
            "example.com=[::1]2526                          | no port after '[::1]'",
            "example.com=[127.0.0.1]:2526                   | '127.0.0.1' is not an IPv6 address",
            "example.com=127.0.0.1:1, Example.com=127.0.0.1:2 | Example.com is routed twice",
            "*=127.0.0.1:1, *=127.0.0.1:2                   | '*' is routed twice"})
    void anInvalidEntryIsNamedWithItsFault(String text, String fault) {
        assertThatIllegalArgumentException().isThrownBy(() -> StaticRoutes.parse(text))
                .withMessageStartingWith("mta.routes entry ")
                .withMessageContaining(fault);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void nothingConfiguredRoutesNothing(String text) {
        assertThat(StaticRoutes.parse(text).routeFor(new DomainName("example.com"))).isEmpty();
    }

    @Test
    void aDomainsOwnRouteBeatsTheWildcardWhateverTheOrder() {
        StaticRoutes routes = StaticRoutes.parse("*=127.0.0.1:2525, example.com=127.0.0.1:2526");

        assertThat(routes.routeFor(new DomainName("example.com"))).get().extracting(Destination::port).isEqualTo(2526);
        assertThat(routes.routeFor(new DomainName("sub.example.com"))).get().extracting(Destination::port)
                .isEqualTo(2525);
        assertThat(routes.routeFor(new DomainName("other.example"))).get().extracting(Destination::port)
                .isEqualTo(2525);
    }

    @Test
    void withoutWildcardAnUnlistedDomainHasNoRoute() {
        StaticRoutes routes = StaticRoutes.parse("example.com=127.0.0.1:2526");

        assertThat(routes.routeFor(new DomainName("sub.example.com"))).isEmpty();
    }
}
