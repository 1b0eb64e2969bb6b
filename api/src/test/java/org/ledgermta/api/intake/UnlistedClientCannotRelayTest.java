package org.ledgermta.api.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ledgermta.domain.account.MessageRejectedEvent;
import org.ledgermta.domain.account.RejectionReason;
import org.ledgermta.domain.message.MessageAcceptedEvent;

class UnlistedClientCannotRelayTest {

    @RegisterExtension
    static final IntakeFixture service = IntakeFixture.withProperties();

    @Test
    void aClientOutsideEveryAccountsNetworksIsDeniedAtRcptAndTheRefusalIsRecorded() throws Exception {
        try (SmtpTestClient client = service.connect(IntakeFixture.STRANGER)) {
            assertThat(client.command("EHLO stranger.example").code()).isEqualTo(250);
            // ENHANCEDSTATUSCODES (RFC 2034): even the library's own replies carry one
            assertThat(client.command("MAIL FROM:<spammer@stranger.example>").toString()).isEqualTo("250 2.0.0 Ok");

            SmtpTestClient.Reply rcpt = client.command("RCPT TO:<victim@receiver.example>");
            assertThat(rcpt.code()).isEqualTo(550);
            assertThat(rcpt.text()).startsWith("5.7.1 Relaying denied");

            // no recipient was accepted, so there is nothing to send data for
            assertThat(client.command("DATA").code()).isEqualTo(503);
            assertThat(client.command("QUIT").code()).isEqualTo(221);
        }

        assertThat(service.events(MessageAcceptedEvent.class)).isEmpty();
        assertThat(service.events(MessageRejectedEvent.class)).singleElement().satisfies(rejected -> {
            assertThat(rejected.reason()).isEqualTo(RejectionReason.RELAY_DENIED);
            assertThat(rejected.account()).isNull();
            assertThat(rejected.clientIp()).isEqualTo(IntakeFixture.STRANGER);
            assertThat(rejected.envelopeSender()).isEqualTo("spammer@stranger.example");
            assertThat(rejected.recipients()).isEqualTo(List.of("victim@receiver.example"));
            assertThat(rejected.reply()).startsWith("550 5.7.1 Relaying denied");
        });
    }
}
