package org.ledgermta.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EmailAddressTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
            alice@example.org                 | alice@example.org                 | alice              | example.org
            Alice.Smith@Example.ORG           | Alice.Smith@example.org           | Alice.Smith        | example.org
            news+weekly@shop.example.         | news+weekly@shop.example          | news+weekly        | shop.example
            o'brien!#$%&*/=?^_`{}~-@x.example | o'brien!#$%&*/=?^_`{}~-@x.example | o'brien!#$%&*/=?^_`{}~- | x.example
            jörg@xn--mller-kva.example        | jörg@xn--mller-kva.example        | jörg               | xn--mller-kva.example
            postmaster@localhost              | postmaster@localhost              | postmaster         | localhost
            """)
    void validAddressKeepsTheLocalPartAndLowerCasesTheDomain(
            String input, String value, String localPart, String domain) {
        EmailAddress address = new EmailAddress(input);

        assertThat(address.value()).isEqualTo(value);
        assertThat(address.localPart()).isEqualTo(localPart);
        assertThat(address.domain()).isEqualTo(new DomainName(domain));
        assertThat(address).hasToString(value);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
            alice.example.org              | exactly one '@'
            alice@bob@example.org          | exactly one '@'
            @example.org                   | empty local part
            alice@                         | invalid domain
            alice@exa_mple.org             | invalid label 'exa_mple'
            alice@[192.0.2.1]              | invalid domain
            .alice@example.org             | leading, trailing or doubled dot
            alice.@example.org             | leading, trailing or doubled dot
            al..ice@example.org            | leading, trailing or doubled dot
            al ice@example.org             | U+0020
            "alice"@example.org            | '"'
            <alice>@example.org            | '<'
            alice@example.123              | all-numeric
            """)
    void invalidAddressIsRefusedSayingWhatIsWrong(String input, String reason) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new EmailAddress(input))
                .withMessageContaining(reason);
    }

    @Test
    void addressTooLongForAnSmtpPathIsRefused() {
        String local = "a".repeat(64);
        String domain = ("d".repeat(63) + ".").repeat(3) + "example";
        assertThat(local.length() + 1 + domain.length()).isGreaterThan(254);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new EmailAddress(local + "@" + domain))
                .withMessageContaining("expected at most 254");
    }

    @Test
    void localPartIsMeasuredInOctets() {
        assertThat(new EmailAddress("ü".repeat(32) + "@example.org").localPart()).hasSize(32);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new EmailAddress("ü".repeat(33) + "@example.org"))
                .withMessageContaining("66 octets: expected at most 64");
    }

    @Test
    void lineBreakCannotBeSmuggledIntoTheEnvelope() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new EmailAddress("alice\r\nRCPT TO:<x@evil.example>@example.org"))
                .withMessageContaining("exactly one '@'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new EmailAddress("alice\r\n@example.org"))
                .withMessageContaining("U+000D");
    }
}
