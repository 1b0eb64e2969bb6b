package org.ledgermta.api.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ledgermta.domain.message.MessageAcceptedEvent;

/** Bad input gets an answer; it never takes the server down for the next client. */
class MalformedInputIsAnsweredTest {

    @RegisterExtension
    static final IntakeFixture service = IntakeFixture.withProperties();

    @AfterEach
    void theServerStillServesTheNextClient() throws Exception {
        try (SmtpTestClient client = service.connect(IntakeFixture.ALLOWED_CLIENT)) {
            client.command("EHLO next.example");
            assertThat(client.send("a@shop.example", List.of("b@receiver.example"),
                    IntakeFixture.message("after the bad input", "")).code()).isEqualTo(250);
        }
    }

    @Test
    void aLineWithABareLineFeedIsRefusedAndTheConnectionClosed() throws Exception {
        try (SmtpTestClient client = service.connect(IntakeFixture.ALLOWED_CLIENT)) {
            // RFC 5321 §2.3.8: only CRLF ends a line. Taking a bare LF as one is what SMTP smuggling
            // exploits, so a line holding one is refused at its CRLF and the session ends.
            client.send("EHLO bare-lf.example\nDATA\r\n");
            SmtpTestClient.Reply reply = client.read();
            assertThat(reply.code()).isEqualTo(501);
            assertThat(reply.text()).startsWith("5.5.4 ").contains("CRLF");
            assertThat(client.closedByServer()).isTrue();
        }
    }

    @Test
    void aOneMegabyteCommandLineIsRefused() throws Exception {
        try (SmtpTestClient client = service.connect(IntakeFixture.ALLOWED_CLIENT)) {
            try {
                client.send("NOOP " + "a".repeat(1 << 20) + "\r\n");
            } catch (java.io.IOException closedWhileWriting) {
                // the server may refuse and hang up before the whole line is written
            }
            assertThat(answerOrClose(client)).isTrue();
        }
    }

    @Test
    void nulBytesInTheMessageAreAcceptedAsBytes() throws Exception {
        String withNuls = IntakeFixture.message("nul", "") + "before\0\0after\r\n";
        SmtpTestClient.Reply reply;
        try (SmtpTestClient client = service.connect(IntakeFixture.ALLOWED_CLIENT)) {
            client.command("EHLO nul.example");
            reply = client.send("a@shop.example", List.of("nul@receiver.example"), withNuls);
        }
        assertThat(reply.code()).as("reply %s", reply).isEqualTo(250);
        String queueId = reply.text().substring(reply.text().lastIndexOf(' ') + 1);
        MessageAcceptedEvent accepted = service.events(MessageAcceptedEvent.class).stream()
                .filter(e -> e.messageId().value().equals(queueId)).findFirst().orElseThrow();
        assertThat(new String(service.storedBody(accepted), StandardCharsets.UTF_8)).endsWith("before\0\0after\r\n");
    }

    @Test
    void pipelinedGarbageGetsOneReplyPerLine() throws Exception {
        try (SmtpTestClient client = service.connect(IntakeFixture.ALLOWED_CLIENT)) {
            client.send("EHLO pipelined.example\r\nFOO BAR\r\n\0\0\0\r\nMAIL FROM:<unterminated\r\n"
                    + "RCPT TO:<nobody@receiver.example>\r\nDATA\r\nQUIT\r\n");
            List<Integer> codes = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                codes.add(client.read().code());
            }
            assertThat(codes.getFirst()).isEqualTo(250);
            assertThat(codes.subList(1, 6)).allMatch(code -> code >= 500 && code < 600);
            assertThat(codes.getLast()).isEqualTo(221);
        }
    }

    /** A refusal, or a connection the server closed; not a client giving up on a silent server. */
    private static boolean answerOrClose(SmtpTestClient client) {
        try {
            SmtpTestClient.Reply reply = client.read();
            return reply.code() >= 500;
        } catch (java.net.SocketTimeoutException silent) {
            return false;
        } catch (java.io.IOException closed) {
            return true;
        }
    }
}
