package org.ledgermta.api.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.mime4j.field.address.DefaultAddressParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The From domain read without the parser is the one mime4j's parser reads, and every form the short way
 * does not take is left to the parser (null).
 */
class PlainFromAddressesReadAsMime4jReadsThemTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "PARSER", value = {
            "user@example.com                         | example.com",
            "bench-sender@example.org                 | example.org",
            "first.last+tag@Mail.Example.COM          | Mail.Example.COM",
            "Shop <shop@shop.example>                 | shop.example",
            "Shop<shop@shop.example>                  | shop.example",
            "<shop@shop.example>                      | shop.example",
            "The Shop Team <news@shop.example>        | shop.example",
            "=?UTF-8?Q?Caf=C3=A9?= <cafe@shop.example> | shop.example",
            "o'brien@shop.example                     | shop.example",
            "\"Shop, Inc.\" <shop@shop.example>       | PARSER",
            "J. Smith <j@shop.example>                | PARSER",
            "shop@shop.example (The Shop)             | PARSER",
            "(comment) shop@shop.example              | PARSER",
            "Shop  <shop@shop.example>                | PARSER",
            "user@[192.0.2.1]                         | PARSER",
            "\"odd user\"@shop.example                | PARSER",
            "a@b.example, c@d.example                 | PARSER",
            "group: a@b.example;                      | PARSER",
            "user.@example.com                        | PARSER",
            ".user@example.com                        | PARSER",
            "user@example..com                        | PARSER",
            "user@example.com.                        | PARSER",
            "user@                                    | PARSER",
            "@example.com                             | PARSER",
            "no address at all                        | PARSER",
            "Shop <shop@shop.example                  | PARSER",
            "Shop shop@shop.example>                  | PARSER",
            "Ren\u00e9 <rene@shop.example>            | PARSER",
            "user@b\u00fccher.example                 | PARSER",
    })
    void aPlainFormIsReadAsTheParserReadsItAndTheRestGoesToTheParser(String from, String plainDomain)
            throws Exception {
        String domain = PlainMailbox.domainOrNull(from);
        assertThat(domain).isEqualTo(plainDomain);
        if (domain != null) {
            assertThat(domain).isEqualTo(DefaultAddressParser.DEFAULT.parseMailbox(from).getDomain());
        }
    }
}
