package org.ledgermta.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpAddressLiteralTest {

    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.11                              | 127.0.0.11
            0.0.0.0                                 | 0.0.0.0
            255.255.255.255                         | 255.255.255.255
            2001:DB8::1                             | 2001:db8::1
            2001:0db8:0000:0000:0000:0000:0000:0001 | 2001:db8::1
            ::                                      | ::
            ::1                                     | ::1
            0:0:0:0:0:0:0:1                         | ::1
            fe80::                                  | fe80::
            1:0:0:2:0:0:0:3                         | 1:0:0:2::3
            1:0:0:2:0:0:3:4                         | 1::2:0:0:3:4
            1:0:0:0:2:0:0:0                         | 1::2:0:0:0
            2001:db8:0:1:1:1:1:1                    | 2001:db8:0:1:1:1:1:1
            1:2:3:4:5:6:7::                         | 1:2:3:4:5:6:7:0
            64:ff9b::192.0.2.1                      | 64:ff9b::c000:201
            ::ffff:192.0.2.1                        | 192.0.2.1
            ::FFFF:c000:0201                        | 192.0.2.1
            ::ffff:0.0.0.0                          | 0.0.0.0
            ::fffe:192.0.2.1                        | ::fffe:c000:201
            """)
    void literalIsWrittenInItsNormalForm(String input, String normal) {
        assertThat(IpAddressLiteral.normalise(input)).isEqualTo(normal);
        assertThat(IpAddressLiteral.normalise(normal)).isEqualTo(normal);
        assertThat(IpAddressLiteral.format(IpAddressLiteral.parse(input))).isEqualTo(normal);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            192.0.2.1            | c0000201
            0.0.0.0              | 00000000
            255.255.255.255      | ffffffff
            ::ffff:192.0.2.1     | c0000201
            ::ffff:c000:201      | c0000201
            2001:db8::1          | 20010db8000000000000000000000001
            ::                   | 00000000000000000000000000000000
            ::192.0.2.1          | 000000000000000000000000c0000201
            ::1:ffff:192.0.2.1   | 00000000000000000001ffffc0000201
            ffff:ffff::          | ffffffff000000000000000000000000
            """)
    void literalIsReadAsFourOrSixteenBytes(String input, String hex) {
        assertThat(IpAddressLiteral.parse(input)).isEqualTo(HEX.parseHex(hex));
    }

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource(delimiter = '|', textBlock = """
            c0000201                         | 192.0.2.1
            ffffffff                         | 255.255.255.255
            20010db8000000000000000000000001 | 2001:db8::1
            00000000000000000000ffffc0000201 | 192.0.2.1
            00000000000000000000000000000000 | ::
            000000000000000000000000c0000201 | ::c000:201
            """)
    void bytesAreWrittenInTheNormalForm(String hex, String text) {
        assertThat(IpAddressLiteral.format(HEX.parseHex(hex))).isEqualTo(text);
    }

    @Test
    void bytesThatAreNeitherIpv4NorIpv6AreRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> IpAddressLiteral.format(new byte[5]))
                .withMessage("An IP address is 4 or 16 bytes, not 5.");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
            ''                      | four decimal numbers such as 192.0.2.10, or an IPv6 address
            mx1.example.org         | four decimal numbers
            localhost               | four decimal numbers
            127.0.0                 | four decimal numbers
            127.0.0.1.5             | four decimal numbers
            256.0.0.1               | '256' is not a number from 0 to 255
            010.0.0.1               | '010' is not a number from 0 to 255 without leading zeros
            127.0.0.+1              | '+1' is not a number
            ' 127.0.0.1'            | ' 127' is not a number
            192.0.2.0/24            | '0/24' is not a number
            ::ffff:192.0.2.010      | '010' is not a number from 0 to 255 without leading zeros
            ::ffff:192.0.2          | four decimal numbers
            1:2:3:4:5:6:7:8:9       | expected eight groups
            1:2:3:4:5:6:7           | expected eight groups
            1::2:3:4:5:6:7:8        | expected eight groups
            1::2::3                 | '::' may appear only once
            :::1                    | '::' may appear only once
            12345::1                | '12345' is not a group
            g::1                    | 'g' is not a group
            :1:2:3:4:5:6:7          | a single ':' cannot start or end
            1:2:3:4:5:6:7:          | a single ':' cannot start or end
            192.0.2.1::             | '192.0.2.1' is not a group
            fe80::1%eth0            | zone index
            [::1]                   | without brackets
            """)
    void anythingButALiteralIsRefusedWithWhatWasExpected(String input, String reason) {
        String text = input.equals("''") ? "" : input.replace("'", "");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> IpAddressLiteral.parse(text))
                .withMessageStartingWith("'" + text + "' is not an IP address literal: ")
                .withMessageContaining(reason)
                .satisfies(e -> assertThat(e.getMessage()).doesNotEndWith("."));
    }
}
