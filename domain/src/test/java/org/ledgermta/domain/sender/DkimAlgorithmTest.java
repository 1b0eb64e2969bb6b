package org.ledgermta.domain.sender;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DkimAlgorithmTest {

    @ParameterizedTest(name = "{0}: k={1}, a={2}")
    @CsvSource(delimiter = '|', textBlock = """
            RSA_2048 | rsa     | rsa-sha256
            ED25519  | ed25519 | ed25519-sha256
            """)
    void tagsAreThoseOfTheRfcs(DkimAlgorithm algorithm, String keyType, String signatureAlgorithm) {
        assertThat(algorithm.keyType()).isEqualTo(keyType);
        assertThat(algorithm.signatureAlgorithm()).isEqualTo(signatureAlgorithm);
    }

    @Test
    void everyAlgorithmIsInTheTable() {
        assertThat(Arrays.stream(DkimAlgorithm.values()).map(Enum::name)).containsExactly("RSA_2048", "ED25519");
    }
}
