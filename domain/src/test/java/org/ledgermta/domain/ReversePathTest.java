package org.ledgermta.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ReversePathTest {

    @Test
    void emptyPathIsTheNullSender() {
        ReversePath path = new ReversePath("");

        assertThat(path).isEqualTo(ReversePath.nullSender());
        assertThat(path.nullPath()).isTrue();
        assertThat(path.address()).isEmpty();
        assertThat(path).hasToString("<>");
    }

    @Test
    void addressIsNormalisedLikeAnEmailAddress() {
        ReversePath path = new ReversePath("News@Shop.Example");

        assertThat(path.nullPath()).isFalse();
        assertThat(path.value()).isEqualTo("News@shop.example");
        assertThat(path.address()).contains(new EmailAddress("News@shop.example"));
    }

    @Test
    void anythingElseIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ReversePath("<>"))
                .withMessageContaining("exactly one '@'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ReversePath(null))
                .withMessageContaining("the empty string for the null sender");
    }
}
