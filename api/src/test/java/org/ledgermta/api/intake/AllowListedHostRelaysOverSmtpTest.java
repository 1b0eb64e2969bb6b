package org.ledgermta.api.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ledgermta.domain.IntakeRoute;
import org.ledgermta.domain.message.MessageAcceptedEvent;

class AllowListedHostRelaysOverSmtpTest {

    @RegisterExtension
    static final IntakeFixture service = IntakeFixture.withProperties();

    @Test
    void aMessageFromAnAllowListedHostIsQueuedDurablyWithItsHeaderFacts() throws Exception {
        SmtpTestClient.Reply reply;
        try (SmtpTestClient client = service.connect(IntakeFixture.ALLOWED_CLIENT)) {
            SmtpTestClient.Reply ehlo = client.command("EHLO web42.hosting.example");
            assertThat(ehlo.code()).isEqualTo(250);
            assertThat(ehlo.lines()).contains("PIPELINING", "8BITMIME", "SMTPUTF8", "ENHANCEDSTATUSCODES",
                    "STARTTLS", "SIZE 26214400");
            assertThat(ehlo.lines()).noneMatch(line -> line.startsWith("AUTH"));

            reply = client.send("wordpress@shop.example", List.of("alice@receiver.example", "bob@receiver.example"),
                    IntakeFixture.message("Order 1001", "Message-ID: <order-1001@shop.example>\r\n"));
            client.command("QUIT");
        }

        assertThat(reply.code()).isEqualTo(250);
        assertThat(reply.text()).matches("2\\.0\\.0 Ok: queued as [0-9A-Z]+-[0-9A-Z]+");
        String queueId = reply.text().substring(reply.text().lastIndexOf(' ') + 1);

        // the 250 came after the accept was recorded: it is in the ledger now
        List<MessageAcceptedEvent> accepted = service.events(MessageAcceptedEvent.class);
        assertThat(accepted).singleElement().satisfies(event -> {
            assertThat(event.messageId().value()).isEqualTo(queueId);
            assertThat(event.account().value()).isEqualTo(service.account);
            assertThat(event.sender().value()).isEqualTo("wordpress@shop.example");
            assertThat(event.recipients()).extracting(r -> r.value())
                    .containsExactly("alice@receiver.example", "bob@receiver.example");
            assertThat(event.headerMessageId()).isEqualTo("<order-1001@shop.example>");
            assertThat(event.headerFrom()).isEqualTo("WordPress <wordpress@shop.example>");
            assertThat(event.clientIp()).isEqualTo("127.0.0.1");
            assertThat(event.route()).isEqualTo(IntakeRoute.SMTP);
            assertThat(event.expiresAt()).isEqualTo(event.acceptedAt().plus(java.time.Duration.ofDays(5)));
        });
        String stored = new String(service.storedBody(accepted.getFirst()), StandardCharsets.UTF_8);
        assertThat(stored).startsWith("Received: from web42.hosting.example ([127.0.0.1])\r\n\tby relay.test.example")
                .contains("id " + queueId)
                .contains("Message-ID: <order-1001@shop.example>\r\n")
                .endsWith("Your order has shipped.\r\n");
        assertThat(stored.split("\r\nReceived: ", -1)).as("one Received line for this hop").hasSize(1);
        assertThat(accepted.getFirst().body().sizeBytes()).isEqualTo(stored.getBytes(StandardCharsets.UTF_8).length);
    }
}
