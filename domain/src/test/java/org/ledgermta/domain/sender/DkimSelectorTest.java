package org.ledgermta.domain.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ledgermta.domain.DomainName;

class DkimSelectorTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            s2026          | s2026
            S2026          | s2026
            mail.2026-03   | mail.2026-03
            Relay-Key.EU.1 | relay-key.eu.1
            2026           | 2026
            x              | x
            """)
    void validSelectorIsLowerCasedSoTheSameRecordIsTheSameSelector(String input, String value) {
        DkimSelector selector = new DkimSelector(input);

        assertThat(selector.value()).isEqualTo(value);
        assertThat(selector).isEqualTo(new DkimSelector(value)).hasToString(value);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
            s2026.         | invalid label ''
            .s2026         | invalid label ''
            mail..2026     | invalid label ''
            -s2026         | invalid label '-s2026'
            s2026-         | invalid label 's2026-'
            s_2026         | invalid label 's_2026'
            s 2026         | invalid label 's 2026'
            sélecteur      | invalid label 'sélecteur'
            s2026._domainkey | invalid label '_domainkey'
            """)
    void invalidSelectorIsRefusedNamingTheLabel(String input, String reason) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DkimSelector(input))
                .withMessageContaining(reason)
                .withMessageContaining("RFC 6376 §3.1");
    }

    @Test
    void aSelectorIsRequired() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DkimSelector(null))
                .withMessageContaining("A DKIM selector is required");
        assertThatIllegalArgumentException().isThrownBy(() -> new DkimSelector(""))
                .withMessageContaining("A DKIM selector is required");
    }

    @Test
    void labelsAreAtMostSixtyThreeCharacters() {
        assertThat(new DkimSelector("a".repeat(63) + ".b").value()).startsWith("a".repeat(63));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DkimSelector("a".repeat(64)))
                .withMessageContaining("1 to 63 letters, digits or hyphens");
    }

    @Test
    void keyRecordLivesUnderDomainkey() {
        assertThat(new DkimSelector("S2026").keyRecordName(new DomainName("Shop.Example")))
                .isEqualTo("s2026._domainkey.shop.example");
    }

    @Test
    void keyRecordNameMustFitInADomainName() {
        DomainName domain = new DomainName("a".repeat(63) + "." + "b".repeat(63) + ".example");
        DkimSelector fits = new DkimSelector("c".repeat(50) + "." + "d".repeat(55));
        DkimSelector tooLong = new DkimSelector("c".repeat(50) + "." + "d".repeat(56));

        assertThat(fits.keyRecordName(domain)).hasSize(253);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> tooLong.keyRecordName(domain))
                .withMessageContaining("its key record " + tooLong.value() + "._domainkey." + domain)
                .withMessageContaining("has 254 characters, expected at most 253");
    }
}
