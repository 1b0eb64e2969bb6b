package org.ledgermta.delivery.dsn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DsnRequestValidationTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:05Z");
    private static final RecipientStatus ALICE =
            new RecipientStatus("alice@example.org", "5.1.1", "550 5.1.1 User unknown", "mx1.example.org", NOW);

    private static DsnRequest request(String reportingMta, String dsnMessageId, String sender,
            List<RecipientStatus> recipients) {
        return new DsnRequest(reportingMta, dsnMessageId, "Q0000001-test", sender, NOW, NOW, DsnKind.FAILED,
                recipients, new byte[0]);
    }

    @Test
    void nothingIsReportedToTheNullSender() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> request("relay.example.net", "<d@relay.example.net>", "", List.of(ALICE)))
                .withMessageContaining("has the null sender <>: no delivery status notification is sent to <>");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> request("relay.example.net", "<d@relay.example.net>", "<>", List.of(ALICE)))
                .withMessageContaining("null sender");
    }

    @Test
    void valuesThatWouldBreakAHeaderLineAreRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> request("relay.example.net\r\nBcc: x@example.com", "<d@relay.example.net>",
                        "news@shop.example", List.of(ALICE)));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> request("relay.example.net", "<d@relay.example.net>\r\nBcc: x@example.com",
                        "news@shop.example", List.of(ALICE)))
                .withMessageContaining("expected <left@right> in printable ASCII");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> request("relay.example.net", "<d@relay.example.net>",
                        "news@shop.example>\r\nBcc: x@example.com", List.of(ALICE)));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RecipientStatus("alice@example.org\r\nX: y", "5.1.1", null, null, null));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RecipientStatus("alice@example.org", "5.1.1", null, "mx1.example.org\r\nX: y",
                        null))
                .withMessageContaining("Remote MTA of recipient alice@example.org");
    }

    @Test
    void statusIsAFailureCode() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RecipientStatus("alice@example.org", "2.0.0", null, null, null))
                .withMessageContaining("expected an enhanced code of class 4 or 5");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RecipientStatus("alice@example.org", "550", null, null, null));
    }

    @Test
    void remoteMtaIsAHostNameOrAnAddress() {
        assertThat(new RecipientStatus("a@example.org", "5.1.1", null, "MX1.Example.org.", null).remoteMta())
                .isEqualTo("mx1.example.org");
        assertThat(new RecipientStatus("a@example.org", "5.1.1", null, "192.0.2.25", null).remoteMta())
                .isEqualTo("[192.0.2.25]");
        assertThat(new RecipientStatus("a@example.org", "5.1.1", null, "[2001:DB8::25]", null).remoteMta())
                .isEqualTo("[2001:db8::25]");
    }

    @Test
    void eachRecipientIsReportedOnce() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> request("relay.example.net", "<d@relay.example.net>", "news@shop.example",
                        List.of(ALICE, ALICE)))
                .withMessageContaining("reports alice@example.org twice");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> request("relay.example.net", "<d@relay.example.net>", "news@shop.example",
                        List.of()))
                .withMessageContaining("expected at least one undelivered recipient");
    }
}
