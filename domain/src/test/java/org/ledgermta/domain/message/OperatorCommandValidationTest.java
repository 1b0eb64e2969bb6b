package org.ledgermta.domain.message;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OperatorCommandValidationTest {

    private static final MessageId ID = MessageId.of("Q0000001-test");
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void holdNamesTheOperatorAndTheReason() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new HoldMessageCommand(ID, " ", "ticket 4711", NOW))
                .withMessageContaining("To hold message Q0000001-test, say who does it");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new HoldMessageCommand(ID, "ops-anna", null, NOW))
                .withMessageContaining("To hold message Q0000001-test, say why");
        assertThatNullPointerException()
                .isThrownBy(() -> new HoldMessageCommand(ID, "ops-anna", "ticket 4711", null))
                .withMessageContaining("at is required");
    }

    @Test
    void releaseNamesTheOperator() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ReleaseMessageCommand(ID, null, NOW))
                .withMessageContaining("To release message Q0000001-test, say who does it");
        assertThatNullPointerException()
                .isThrownBy(() -> new ReleaseMessageCommand(null, "ops-anna", NOW))
                .withMessageContaining("messageId is required");
    }

    @Test
    void deleteNamesTheOperatorAndTheReason() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DeleteMessageCommand(ID, "", "spam", NOW))
                .withMessageContaining("To delete message Q0000001-test, say who does it");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DeleteMessageCommand(ID, "ops-anna", "  ", NOW))
                .withMessageContaining("To delete message Q0000001-test, say why");
    }
}
