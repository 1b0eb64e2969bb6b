package org.ledgermta.domain.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EgressIpAddressTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.11                              | 127.0.0.11
            0.0.0.0                                 | 0.0.0.0
            255.255.255.255                         | 255.255.255.255
            2001:DB8::1                             | 2001:db8::1
            2001:0db8:0000:0000:0000:0000:0000:0001 | 2001:db8::1
            ::                                      | ::
            ::1                                     | ::1
            fe80::                                  | fe80::
            1:0:0:2:0:0:0:3                         | 1:0:0:2::3
            1:0:0:2:0:0:3:4                         | 1::2:0:0:3:4
            2001:db8:0:1:1:1:1:1                    | 2001:db8:0:1:1:1:1:1
            1:2:3:4:5:6:7::                         | 1:2:3:4:5:6:7:0
            64:ff9b::192.0.2.1                      | 64:ff9b::c000:201
            ::ffff:192.0.2.1                        | 192.0.2.1
            ::FFFF:c000:0201                        | 192.0.2.1
            """)
    void literalIsKeptInItsNormalForm(String input, String normal) {
        assertThat(new EgressIpAddress(input).value()).isEqualTo(normal);
        assertThat(new EgressIpAddress(normal).value()).isEqualTo(normal);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
            ''                      | four decimal numbers
            mx1.example.org         | four decimal numbers
            localhost               | four decimal numbers
            127.0.0                 | four decimal numbers
            127.0.0.1.5             | four decimal numbers
            256.0.0.1               | '256' is not a number from 0 to 255
            010.0.0.1               | '010' is not a number from 0 to 255 without leading zeros
            127.0.0.+1              | '+1' is not a number
            ' 127.0.0.1'            | ' 127' is not a number
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
    void anythingButALiteralIsRefused(String input, String reason) {
        String text = input.equals("''") ? "" : input.replace("'", "");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new EgressIpAddress(text))
                .withMessageContaining(reason);
    }
}
