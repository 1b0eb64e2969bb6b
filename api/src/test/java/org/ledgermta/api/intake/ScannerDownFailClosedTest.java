package org.ledgermta.api.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ledgermta.domain.account.MessageRejectedEvent;
import org.ledgermta.domain.account.RejectionReason;
import org.ledgermta.domain.message.MessageAcceptedEvent;

class ScannerDownFailClosedTest {

    // nothing listens on port 1: the scanner is down
    @RegisterExtension
    static final IntakeFixture service = IntakeFixture.withProperties("mta.scan.clamav.enabled=true", "mta.scan.clamav.port=1", "mta.scan.clamav.timeout=2s");

    @Test
    void aDownScannerConfiguredFailClosedAnswers451AndQueuesNothing() throws Exception {
        SmtpTestClient.Reply reply;
        try (SmtpTestClient client = service.connect(IntakeFixture.ALLOWED_CLIENT)) {
            client.command("EHLO web5.example");
            reply = client.send("a@shop.example", List.of("b@receiver.example"), IntakeFixture.message("hi", ""));
        }
        assertThat(reply.code()).as("reply %s", reply).isEqualTo(451);
        assertThat(reply.text()).startsWith("4.3.0 ").contains("unavailable");
        assertThat(service.events(MessageAcceptedEvent.class)).isEmpty();
        assertThat(service.events(MessageRejectedEvent.class)).singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo(RejectionReason.SCANNER_UNAVAILABLE));
    }
}
