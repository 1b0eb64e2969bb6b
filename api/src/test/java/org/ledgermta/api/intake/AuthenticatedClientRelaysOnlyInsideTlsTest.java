package org.ledgermta.api.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ledgermta.domain.message.MessageAcceptedEvent;

class AuthenticatedClientRelaysOnlyInsideTlsTest {

    @RegisterExtension
    static final IntakeFixture service = IntakeFixture.withProperties();

    @Test
    void aStrangerAuthenticatesAfterStartTlsAndRelaysAsTheAccount() throws Exception {
        SmtpTestClient.Reply queued;
        try (SmtpTestClient client = service.connect(IntakeFixture.STRANGER)) {
            client.command("EHLO roaming.example");
            // RFC 4954 §4: no password in clear
            assertThat(client.command("AUTH PLAIN " + plain(service.account, IntakeFixture.PASSWORD)).code())
                    .isEqualTo(538);

            assertThat(client.startTls().code()).isEqualTo(220);
            SmtpTestClient.Reply ehlo = client.command("EHLO roaming.example");
            assertThat(ehlo.lines()).contains("AUTH PLAIN LOGIN").doesNotContain("STARTTLS");

            assertThat(client.command("AUTH PLAIN " + plain(service.account, "wrong password")).code())
                    .isEqualTo(535);
            SmtpTestClient.Reply auth = client.command("AUTH PLAIN " + plain(service.account, IntakeFixture.PASSWORD));
            assertThat(auth.code()).isEqualTo(235);

            queued = client.send("app@shop.example", List.of("carol@receiver.example"),
                    IntakeFixture.message("Receipt", "Message-ID: <r-1@shop.example>\r\n"));
            client.command("QUIT");
        }

        assertThat(queued.code()).as("reply %s", queued).isEqualTo(250);
        assertThat(service.events(MessageAcceptedEvent.class)).singleElement().satisfies(accepted -> {
            assertThat(accepted.account().value()).isEqualTo(service.account);
            assertThat(accepted.clientIp()).isEqualTo(IntakeFixture.STRANGER);
        });
        String stored = new String(service.storedBody(service.events(MessageAcceptedEvent.class).getFirst()),
                StandardCharsets.UTF_8);
        assertThat(stored).contains("with ESMTPSA id");
    }

    private static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }
}
