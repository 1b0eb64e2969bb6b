package org.ledgermta.api.delivery;

import java.util.List;
import org.ledgermta.api.intake.SmtpTestClient;

/** Submits messages to the service's SMTP intake from the allow-listed 127.0.0.1, returning queue ids. */
final class Submit {

    private Submit() {
    }

    static String message(int smtpPort, String from, String... recipients) throws Exception {
        try (SmtpTestClient client = SmtpTestClient.connect(smtpPort, "127.0.0.1")) {
            client.read();
            client.command("EHLO web1.hosting.example");
            SmtpTestClient.Reply reply = client.send(from, List.of(recipients),
                    "From: " + from + "\r\nTo: " + String.join(", ", recipients) + "\r\nSubject: test\r\n\r\nHello.\r\n");
            if (reply.code() != 250) {
                throw new AssertionError("not queued: " + reply);
            }
            client.command("QUIT");
            return reply.text().substring(reply.text().lastIndexOf(' ') + 1);
        }
    }
}
