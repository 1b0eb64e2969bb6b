package org.ledgermta.api.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ledgermta.domain.account.MessageRejectedEvent;
import org.ledgermta.domain.account.RejectionReason;
import org.ledgermta.domain.message.MessageAcceptedEvent;

/** Against the real rspamd on 127.0.0.1:11333 (bin/test starts it). */
class SpamIsRefusedTest {

    // GTUBE: the spam counterpart of EICAR, scored as reject by rspamd
    private static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";

    @RegisterExtension
    static final IntakeFixture service = IntakeFixture.withProperties("mta.scan.rspamd.enabled=true");

    @Test
    void spamAboveTheThresholdIsRefusedWith550AndRecorded() throws Exception {
        SmtpTestClient.Reply ham;
        SmtpTestClient.Reply spam;
        try (SmtpTestClient client = service.connect(IntakeFixture.ALLOWED_CLIENT)) {
            client.command("EHLO web3.example");
            ham = client.send("shop@shop.example", List.of("erin@receiver.example"),
                    IntakeFixture.message("Invoice 77", "Message-ID: <inv-77@shop.example>\r\n"));
            spam = client.send("shop@shop.example", List.of("erin@receiver.example"),
                    IntakeFixture.message("You won", "Message-ID: <won@shop.example>\r\n") + GTUBE + "\r\n");
        }

        assertThat(ham.code()).as("ham: %s", ham).isEqualTo(250);
        assertThat(spam.code()).as("spam: %s", spam).isEqualTo(550);
        assertThat(spam.text()).startsWith("5.7.1 Message refused as spam");
        assertThat(service.events(MessageAcceptedEvent.class)).hasSize(1);
        assertThat(service.events(MessageRejectedEvent.class)).singleElement()
                .satisfies(rejected -> assertThat(rejected.reason()).isEqualTo(RejectionReason.SPAM));
    }
}
