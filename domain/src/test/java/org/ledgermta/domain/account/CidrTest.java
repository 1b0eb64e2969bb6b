package org.ledgermta.domain.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            203.0.113.0/24            | 203.0.113.0/24    | 24
            192.0.2.7                 | 192.0.2.7/32      | 32
            192.0.2.7/32              | 192.0.2.7/32      | 32
            0.0.0.0/0                 | 0.0.0.0/0         | 0
            10.0.0.0/8                | 10.0.0.0/8        | 8
            172.16.0.0/12             | 172.16.0.0/12     | 12
            2001:DB8::/32             | 2001:db8::/32     | 32
            2001:0db8:0000::/48       | 2001:db8::/48     | 48
            2001:db8::7               | 2001:db8::7/128   | 128
            ::/0                      | ::/0              | 0
            ::1                       | ::1/128           | 128
            fe80::/10                 | fe80::/10         | 10
            ::ffff:192.0.2.0/120      | 192.0.2.0/24      | 24
            ::ffff:192.0.2.7          | 192.0.2.7/32      | 32
            """)
    void networkIsKeptInItsNormalForm(String input, String normal, int prefixLength) {
        Cidr cidr = new Cidr(input);

        assertThat(cidr.value()).isEqualTo(normal);
        assertThat(cidr.prefixLength()).isEqualTo(prefixLength);
        assertThat(new Cidr(normal)).isEqualTo(cidr);
        assertThat(cidr).hasToString(normal);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
            ''                    | A network is required
            mail.example.org/24   | four decimal numbers
            203.0.113.0/33        | prefix length after '/' must be a number from 0 to 32
            2001:db8::/129        | prefix length after '/' must be a number from 0 to 128
            203.0.113.0/          | prefix length after '/'
            203.0.113.0/08        | prefix length after '/'
            203.0.113.0/-1        | prefix length after '/'
            203.0.113.0/24/25     | prefix length after '/'
            203.0.113.7/24        | write the network 203.0.113.0/24, or 203.0.113.7/32 for the single address
            2001:db8::1/32        | write the network 2001:db8::/32, or 2001:db8::1/128
            010.0.0.0/8           | '010' is not a number from 0 to 255 without leading zeros
            ' 10.0.0.0/8'         | ' 10' is not a number
            1::2::3/64            | '::' may appear only once
            fe80::1%eth0          | zone index
            ::ffff:0.0.0.0/95     | IPv4-mapped network needs a prefix of 96 or more
            """)
    void anythingButANetworkIsRefusedWithTheFix(String input, String reason) {
        String text = input.equals("''") ? "" : input.replace("'", "");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Cidr(text))
                .withMessageContaining(reason);
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            203.0.113.0/24   | 203.0.113.0          | true
            203.0.113.0/24   | 203.0.113.255        | true
            203.0.113.0/24   | 203.0.114.0          | false
            203.0.113.0/24   | 203.0.112.255        | false
            203.0.113.128/25 | 203.0.113.127        | false
            203.0.113.128/25 | 203.0.113.200        | true
            10.0.0.0/8       | 10.255.255.255       | true
            172.16.0.0/12    | 172.31.0.1           | true
            172.16.0.0/12    | 172.32.0.1           | false
            0.0.0.0/0        | 198.51.100.1         | true
            0.0.0.0/0        | 2001:db8::1          | false
            192.0.2.7        | 192.0.2.7            | true
            192.0.2.7        | 192.0.2.8            | false
            192.0.2.0/24     | ::ffff:192.0.2.9     | true
            2001:db8::/32    | 2001:db8:ffff::1     | true
            2001:db8::/32    | 2001:db9::1          | false
            2001:db8::/32    | 192.0.2.1            | false
            fe80::/10        | fe80::1%eth0         | true
            fe80::/10        | febf::1              | true
            fe80::/10        | fec0::1              | false
            ::/0             | ::1                  | true
            ::1              | 0:0:0:0:0:0:0:1      | true
            """)
    void networkContainsTheAddressesItsPrefixCovers(String network, String address, boolean contained) {
        assertThat(new Cidr(network).contains(address)).isEqualTo(contained);
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            10.0.0.0/8       | 10.1.0.0/16      | true
            10.0.0.0/8       | 10.0.0.0/8       | true
            10.1.0.0/16      | 10.0.0.0/8       | false
            10.0.0.0/8       | 11.0.0.0/16      | false
            2001:db8::/32    | 2001:db8:1::/48  | true
            0.0.0.0/0        | ::/0             | false
            """)
    void networkContainsNarrowerNetworksInsideIt(String network, String other, boolean contained) {
        assertThat(new Cidr(network).contains(new Cidr(other))).isEqualTo(contained);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
            mail.example.org  | four decimal numbers
            192.0.2.0/24      | '0/24' is not a number
            [::1]             | without brackets
            """)
    void clientAddressThatIsNotALiteralIsRefused(String address, String reason) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Cidr("0.0.0.0/0").contains(address))
                .withMessageStartingWith("Client address")
                .withMessageContaining(reason);
    }

    @Test
    void refusalOfTheAddressNamesTheNetworkOrTheClientAddress() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Cidr("010.0.0.0/8"))
                .withMessage("Network '010.0.0.0/8' is not valid: '010.0.0.0' is not an IP address literal: '010' is "
                        + "not a number from 0 to 255 without leading zeros. Expected a network such as "
                        + "203.0.113.0/24 or 2001:db8::/32, or a single address.");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Cidr("0.0.0.0/0").contains("1::2::3%eth0"))
                .withMessage("Client address '1::2::3' is not an IP address literal: '::' may appear only once.");
    }
}
