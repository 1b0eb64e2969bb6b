package org.ledgermta.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ledgermta.domain.egress.PoolName;
import org.ledgermta.domain.message.MessageBody;
import org.ledgermta.domain.message.MessageId;

class IdentifierSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "acme", "Acme_Hosting-2.eu"})
    void validAccountIdIsKept(String value) {
        assertThat(new AccountId(value)).hasToString(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "acme hosting", "acme/eu", "ünicode"})
    void invalidAccountIdIsRefused(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> new AccountId(value))
                .withMessageContaining("expected 1 to 64 letters, digits, dots, underscores or hyphens");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4F2A1B3C", "0b5e7c1e-2f9d-4f7e-9a58-1f6d2f7c9e11"})
    void validMessageIdIsKept(String value) {
        assertThat(MessageId.of(value)).hasToString(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "4F2A1B3", "4F2A1B3C.x", "<4F2A1B3C>"})
    void invalidMessageIdIsRefused(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> MessageId.of(value))
                .withMessageContaining("expected 8 to 64 letters, digits or hyphens");
    }

    @ParameterizedTest
    @ValueSource(strings = {"shared", "warm_up-2", "0"})
    void validPoolNameIsKept(String value) {
        assertThat(new PoolName(value)).hasToString(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Shared", "pool.1"})
    void invalidPoolNameIsRefused(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> new PoolName(value))
                .withMessageContaining("expected 1 to 64 lower-case letters");
    }

    @Test
    void lengthsAreBoundedAtBothEnds() {
        assertThat(new AccountId("x".repeat(64)).value()).hasSize(64);
        assertThatIllegalArgumentException().isThrownBy(() -> new AccountId("x".repeat(65)));
        assertThat(MessageId.of("Q".repeat(64)).value()).hasSize(64);
        assertThatIllegalArgumentException().isThrownBy(() -> MessageId.of("Q".repeat(65)));
        assertThat(new PoolName("p".repeat(64)).value()).hasSize(64);
        assertThatIllegalArgumentException().isThrownBy(() -> new PoolName("p".repeat(65)));
    }

    @Test
    void bodyReferenceNeedsALowerCaseSha256AndASize() {
        String sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assertThat(new MessageBody(sha256, 0).sizeBytes()).isZero();
        assertThatIllegalArgumentException().isThrownBy(() -> new MessageBody(sha256.toUpperCase(), 10))
                .withMessageContaining("64 lower-case hex digits");
        assertThatIllegalArgumentException().isThrownBy(() -> new MessageBody(sha256.substring(1), 10))
                .withMessageContaining("64 lower-case hex digits");
        assertThatIllegalArgumentException().isThrownBy(() -> new MessageBody(sha256, -1))
                .withMessageContaining("expected 0 or more bytes");
    }
}
