package org.ledgermta.domain.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ledgermta.domain.AccountId;

class PasswordHashTest {

    // RFC 7914 §11 / PBKDF2-HMAC-SHA256 test vector: P = "password", S = "salt", c = 1, dkLen = 32.
    private static final byte[] DERIVED =
            HexFormat.of().parseHex("120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b");
    private static final String ENCODED = "pbkdf2-sha256$1$c2FsdA==$Eg+2z/z4syxD5yJSVsT4N6hlSMkszDVICAWYfLcL4Xs=";

    @Test
    void partsAreReadFromTheEncodedForm() {
        PasswordHash hash = new PasswordHash(ENCODED);

        assertThat(hash.iterations()).isEqualTo(1);
        assertThat(hash.salt()).isEqualTo("salt".getBytes(StandardCharsets.US_ASCII));
        assertThat(hash.hash()).isEqualTo(DERIVED);
    }

    @Test
    void encodedFormIsBuiltFromItsParts() {
        assertThat(PasswordHash.of(1, "salt".getBytes(StandardCharsets.US_ASCII), DERIVED))
                .isEqualTo(new PasswordHash(ENCODED));
    }

    @Test
    void toStringRevealsNothing() {
        assertThat(new PasswordHash(ENCODED)).hasToString("PasswordHash[***]");
        assertThat(new AccountPasswordSetEvent(new AccountId("acme"), new PasswordHash(ENCODED),
                Instant.EPOCH).toString())
                .doesNotContain("pbkdf2").doesNotContain("c2FsdA");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
            correct horse battery staple                                    | expected four parts
            bcrypt$1$c2FsdA==$Eg+2z/z4syxD5yJSVsT4N6hlSMkszDVICAWYfLcL4Xs=  | the first being pbkdf2-sha256
            pbkdf2-sha256$0$c2FsdA==$Eg+2z/z4syxD5yJSVsT4N6hlSMkszDVICAWYfLcL4Xs=  | iteration count must be a positive
            pbkdf2-sha256$01$c2FsdA==$Eg+2z/z4syxD5yJSVsT4N6hlSMkszDVICAWYfLcL4Xs= | iteration count must be a positive
            pbkdf2-sha256$9999999999$c2FsdA==$Eg+2z/z4syxD5yJSVsT4N6hlSMkszDVICAWYfLcL4Xs= | iteration count
            pbkdf2-sha256$1$$Eg+2z/z4syxD5yJSVsT4N6hlSMkszDVICAWYfLcL4Xs=   | the salt is empty
            pbkdf2-sha256$1$c2F*dA==$Eg+2z/z4syxD5yJSVsT4N6hlSMkszDVICAWYfLcL4Xs= | salt is not standard base64
            pbkdf2-sha256$1$c2FsdA==$Eg+2z_z4syxD5yJSVsT4N6hlSMkszDVICAWYfLcL4Xs= | hash is not standard base64
            pbkdf2-sha256$1$c2FsdA==$Eg+2z/z4                                | hash must be at least 16 bytes
            pbkdf2-sha256$1$c2FsdA==$Eg+2z/z4syxD5yJSVsT4N6hlSMkszDVICAWYfLcL4Xs=$x | expected four parts
            """)
    void malformedHashIsRefusedWithoutEchoingIt(String encoded, String reason) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new PasswordHash(encoded))
                .withMessageContaining(reason)
                .withMessageNotContaining(encoded);
    }
}
