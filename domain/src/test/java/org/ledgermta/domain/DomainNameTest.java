package org.ledgermta.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainNameTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            example.org            | example.org
            Mail.Example.ORG       | mail.example.org
            example.org.           | example.org
            localhost              | localhost
            3com.example           | 3com.example
            a-b.c-d.example        | a-b.c-d.example
            xn--bcher-kva.example  | xn--bcher-kva.example
            """)
    void validNameIsLowerCasedWithoutTheRootDot(String input, String value) {
        assertThat(new DomainName(input).value()).isEqualTo(value);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
            ''                      | empty
            .                       | empty
            example..org            | invalid label ''
            .example.org            | invalid label ''
            example.org..           | invalid label ''
            -mail.example.org       | invalid label '-mail'
            mail-.example.org       | invalid label 'mail-'
            mail_01.example.org     | invalid label 'mail_01'
            bücher.example          | xn-- form
            mail example.org        | invalid label 'mail example'
            192.0.2.1               | not an IP address
            """)
    void invalidNameIsRefusedSayingWhatIsWrong(String input, String reason) {
        String name = input.equals("''") ? "" : input;
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DomainName(name))
                .withMessageContaining(reason);
    }

    @Test
    void labelsAreAtMostSixtyThreeCharacters() {
        assertThat(new DomainName("a".repeat(63) + ".example").value()).startsWith("a".repeat(63));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DomainName("a".repeat(64) + ".example"))
                .withMessageContaining("expected 1 to 63 letters");
    }

    @Test
    void namesAreAtMostTwoHundredFiftyThreeCharacters() {
        String longest = ("a".repeat(62) + ".").repeat(4) + "x";
        assertThat(longest).hasSize(253);
        assertThat(new DomainName(longest + ".").value()).isEqualTo(longest);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DomainName(longest + "x"))
                .withMessageContaining("expected at most 253");
    }
}
