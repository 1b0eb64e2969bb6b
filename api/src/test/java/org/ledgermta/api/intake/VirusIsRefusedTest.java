package org.ledgermta.api.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ledgermta.domain.account.MessageRejectedEvent;
import org.ledgermta.domain.account.RejectionReason;
import org.ledgermta.domain.message.MessageAcceptedEvent;

/** Against the real clamd on 127.0.0.1:3310 with the EICAR test signature (bin/test starts it). */
class VirusIsRefusedTest {

    @RegisterExtension
    static final IntakeFixture service = IntakeFixture.withProperties("mta.scan.clamav.enabled=true");

    @Test
    void aVirusIsRefusedWith554AndRecorded() throws Exception {
        // joined at run time (not a compile-time constant) so that neither this file nor its class file is
        // itself the test virus
        String eicar = String.join("", "X5O!P%@AP[4\\PZX54(P^)7CC)7}$", "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*");
        String infected = "From: a@shop.example\r\nTo: b@receiver.example\r\nSubject: invoice\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                + "--b1\r\nContent-Type: text/plain\r\n\r\nsee attachment\r\n"
                + "--b1\r\nContent-Type: application/octet-stream; name=\"invoice.com\"\r\n"
                + "Content-Disposition: attachment; filename=\"invoice.com\"\r\n\r\n" + eicar + "\r\n--b1--\r\n";
        SmtpTestClient.Reply reply;
        try (SmtpTestClient client = service.connect(IntakeFixture.ALLOWED_CLIENT)) {
            client.command("EHLO web4.example");
            reply = client.send("a@shop.example", List.of("b@receiver.example"), infected);
        }

        assertThat(reply.code()).as("reply %s", reply).isEqualTo(554);
        assertThat(reply.text()).startsWith("5.7.1 Message refused: virus found").containsIgnoringCase("eicar");
        assertThat(service.events(MessageAcceptedEvent.class)).isEmpty();
        assertThat(service.events(MessageRejectedEvent.class)).singleElement()
                .satisfies(rejected -> assertThat(rejected.reason()).isEqualTo(RejectionReason.VIRUS));
    }
}
