package org.ledgermta.api.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.ledgermta.domain.account.PasswordHash;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashVerifiesItsPasswordOnly() {
        PasswordHash hash = hasher.hash("correct horse battery staple");

        assertThat(hasher.verify("correct horse battery staple", hash)).isTrue();
        assertThat(hasher.verify("correct horse battery stapler", hash)).isFalse();
        assertThat(hasher.verify("Correct horse battery staple", hash)).isFalse();
        assertThat(hasher.verify("", hash)).isFalse();
        assertThat(hasher.verify(null, hash)).isFalse();
        assertThat(hasher.verify("correct horse battery staple", null)).isFalse();
    }

    @Test
    void hashIsPbkdf2Sha256With210000IterationsAndA16ByteSalt() {
        PasswordHash hash = hasher.hash("s3cret".toCharArray());

        assertThat(hash.encoded()).startsWith("pbkdf2-sha256$210000$");
        assertThat(hash.iterations()).isEqualTo(210_000);
        assertThat(hash.salt()).hasSize(16);
        assertThat(hash.hash()).hasSize(32);
    }

    @Test
    void samePasswordHashesDifferentlyEachTime() {
        assertThat(hasher.hash("s3cret")).isNotEqualTo(hasher.hash("s3cret"));
    }

    // RFC 7914 §11's PBKDF2-HMAC-SHA256 vector: P = "passwd", S = "salt", c = 1, dkLen = 64.
    @Test
    void hashWrittenElsewhereVerifies() {
        PasswordHash vector = new PasswordHash("pbkdf2-sha256$1$c2FsdA==$VawEblbjCJ/sFpHCJUS2BflBhSFt3gRl5oudV8INrLxJ"
                + "ypzM8Xm2RZkWZLOdd+8xfHG4RbHjC9UJESBB06GXgw==");

        assertThat(hasher.verify("passwd", vector)).isTrue();
        assertThat(hasher.verify("passwe", vector)).isFalse();
    }

    @Test
    void nonAsciiPasswordsAreHashedAsUtf8() {
        PasswordHash hash = hasher.hash("pässwörd-密码");

        assertThat(hasher.verify("pässwörd-密码", hash)).isTrue();
        assertThat(hasher.verify("passwort-密码", hash)).isFalse();
    }

    @Test
    void emptyPasswordIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> hasher.hash(""))
                .withMessageContaining("must not be empty");
    }
}
