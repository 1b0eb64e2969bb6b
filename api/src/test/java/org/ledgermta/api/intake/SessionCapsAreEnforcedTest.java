package org.ledgermta.api.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ledgermta.domain.message.MessageAcceptedEvent;

/** The caps that keep one client from exhausting the intake, each set low here to reach it quickly. */
class SessionCapsAreEnforcedTest {

    @RegisterExtension
    static final IntakeFixture service = IntakeFixture.withProperties(
            "mta.smtp.max-recipients=2",
            "mta.smtp.max-connections-per-client=2",
            "mta.smtp.max-message-size=10KB",
            "mta.smtp.idle-timeout=1s");

    @Test
    void recipientsBeyondTheCapGet452() throws Exception {
        try (SmtpTestClient client = service.connect(IntakeFixture.ALLOWED_CLIENT)) {
            client.command("EHLO caps.example");
            client.command("MAIL FROM:<a@shop.example>");
            assertThat(client.command("RCPT TO:<r1@receiver.example>").code()).isEqualTo(250);
            assertThat(client.command("RCPT TO:<r2@receiver.example>").code()).isEqualTo(250);
            // RFC 5321 §4.5.3.1.10: too many recipients is a temporary failure; the client sends the rest later
            SmtpTestClient.Reply third = client.command("RCPT TO:<r3@receiver.example>");
            assertThat(third.code()).isEqualTo(452);
            assertThat(third.text()).startsWith("4.5.3 ");
        }
    }

    @Test
    void aMessageOverTheSizeLimitIsRefusedWhetherDeclaredOrNot() throws Exception {
        try (SmtpTestClient client = service.connect(IntakeFixture.ALLOWED_CLIENT)) {
            SmtpTestClient.Reply ehlo = client.command("EHLO caps.example");
            assertThat(ehlo.lines()).contains("SIZE 10240");
            // RFC 1870: a declared size over the limit is refused at MAIL
            assertThat(client.command("MAIL FROM:<a@shop.example> SIZE=20000").code()).isEqualTo(552);

            SmtpTestClient.Reply undeclared = client.send("a@shop.example", List.of("big@receiver.example"),
                    IntakeFixture.message("big", "") + "x".repeat(20_000) + "\r\n");
            assertThat(undeclared.code()).isEqualTo(552);
            assertThat(undeclared.text()).startsWith("5.3.4 ");
            // the rest of the message was read, not taken as commands
            assertThat(client.command("NOOP").code()).isEqualTo(250);
        }
        assertThat(service.events(MessageAcceptedEvent.class)).noneMatch(accepted ->
                accepted.recipients().stream().anyMatch(r -> r.value().equals("big@receiver.example")));
    }

    @Test
    void moreConcurrentSessionsFromOneClientThanAllowedAreTurnedAway() throws Exception {
        try (SmtpTestClient first = service.connect(IntakeFixture.ALLOWED_CLIENT);
             SmtpTestClient second = service.connect(IntakeFixture.ALLOWED_CLIENT);
             SmtpTestClient third = SmtpTestClient.connect(service.smtpPort(), IntakeFixture.ALLOWED_CLIENT)) {
            SmtpTestClient.Reply refused = third.read();
            assertThat(refused.code()).isEqualTo(421);
            assertThat(first.command("NOOP").code()).isEqualTo(250);
            assertThat(second.command("NOOP").code()).isEqualTo(250);
        }
        // the server lets go of closed sessions on its own threads: once it greets this client again, the cap is
        // free (and the next test of this class does not meet the sessions this one opened)
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (SmtpTestClient again = SmtpTestClient.connect(service.smtpPort(), IntakeFixture.ALLOWED_CLIENT)) {
                if (again.read().code() == 220) {
                    break;
                }
            }
            assertThat(System.nanoTime()).as("the closed sessions are let go within 10 s").isLessThan(deadline);
            Thread.sleep(25);
        }
    }

    @Test
    void anIdleSessionIsClosedAfterTheIdleTimeout() throws Exception {
        try (SmtpTestClient client = service.connect(IntakeFixture.ALLOWED_CLIENT)) {
            client.command("EHLO idle.example");
            // the server speaks first, after the configured second of silence
            SmtpTestClient.Reply timeout = client.read();
            assertThat(timeout.code()).isEqualTo(421);
            assertThat(client.closedByServer()).isTrue();
        }
    }
}
