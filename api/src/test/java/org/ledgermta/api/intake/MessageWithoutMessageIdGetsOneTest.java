package org.ledgermta.api.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ledgermta.domain.message.MessageAcceptedEvent;

class MessageWithoutMessageIdGetsOneTest {

    @RegisterExtension
    static final IntakeFixture service = IntakeFixture.withProperties();

    @Test
    void theQueueIdBecomesTheMessageIdAndTheEventRecordsIt() throws Exception {
        SmtpTestClient.Reply reply;
        try (SmtpTestClient client = service.connect(IntakeFixture.ALLOWED_CLIENT)) {
            client.command("EHLO web1.example");
            reply = client.send("cron@web1.example", List.of("ops@receiver.example"),
                    IntakeFixture.message("cron output", ""));
        }
        assertThat(reply.code()).isEqualTo(250);
        String queueId = reply.text().substring(reply.text().lastIndexOf(' ') + 1);

        MessageAcceptedEvent accepted = service.events(MessageAcceptedEvent.class).getFirst();
        assertThat(accepted.headerMessageId()).isEqualTo("<" + queueId + "@relay.test.example>");
        assertThat(new String(service.storedBody(accepted), StandardCharsets.UTF_8))
                .contains("\r\nMessage-ID: <" + queueId + "@relay.test.example>\r\n");
    }

    @Test
    void malformedMimeIsStillAcceptedAsBytes() throws Exception {
        String broken = "From wordpress@shop.example broken-first-line\r\n"
                + "Content-Type: multipart/mixed; boundary=\"never-closed\r\n"
                + "Subject: =?utf-8?B?not base64 at all?=\r\n"
                + "\r\n--never-closed\r\nContent-Type: text/plain\r\n\r\nbody without the closing boundary\r\n";
        SmtpTestClient.Reply reply;
        try (SmtpTestClient client = service.connect(IntakeFixture.ALLOWED_CLIENT)) {
            client.command("EHLO web1.example");
            reply = client.send("wordpress@shop.example", List.of("dave@receiver.example"), broken);
        }
        assertThat(reply.code()).as("reply %s", reply).isEqualTo(250);
        String queueId = reply.text().substring(reply.text().lastIndexOf(' ') + 1);
        MessageAcceptedEvent accepted = service.events(MessageAcceptedEvent.class).stream()
                .filter(e -> e.messageId().value().equals(queueId)).findFirst().orElseThrow();
        assertThat(new String(service.storedBody(accepted), StandardCharsets.UTF_8)).endsWith(broken);
    }
}
