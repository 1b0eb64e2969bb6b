package org.ledgermta.domain.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The literal syntax itself is pinned by IpAddressLiteralTest; here, what the egress IP makes of it. */
class EgressIpAddressTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.11                              | 127.0.0.11
            2001:0db8:0000:0000:0000:0000:0000:0001 | 2001:db8::1
            1:0:0:2:0:0:0:3                         | 1:0:0:2::3
            ::ffff:192.0.2.1                        | 192.0.2.1
            """)
    void literalIsKeptInItsNormalFormSoTheSameIpIsTheSameAggregate(String input, String normal) {
        EgressIpAddress address = new EgressIpAddress(input);

        assertThat(address.value()).isEqualTo(normal);
        assertThat(address).isEqualTo(new EgressIpAddress(normal)).hasToString(normal);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
            mx1.example.org | 'mx1.example.org' is not an IP address literal: expected an IPv4 address of four \
            decimal numbers such as 192.0.2.10, or an IPv6 address such as 2001:db8::10
            010.0.0.1       | '010.0.0.1' is not an IP address literal: '010' is not a number from 0 to 255 \
            without leading zeros
            1::2::3         | '1::2::3' is not an IP address literal: '::' may appear only once
            fe80::1%eth0    | 'fe80::1%eth0' is not an IP address literal: expected a bare address, without \
            brackets or a zone index such as %eth0
            """)
    void refusalNamesTheEgressIpAddressAndWhatWasExpected(String input, String reason) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new EgressIpAddress(input))
                .withMessage("Egress IP address " + reason + ".");
    }

    @Test
    void anAddressIsRequired() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new EgressIpAddress(null))
                .withMessage("An egress IP address is required, for example '192.0.2.10'.");
    }
}
