package org.ledgermta.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.IntakeRoute;
import org.ledgermta.domain.ReversePath;
import org.ledgermta.domain.message.AcceptMessageCommand;
import org.ledgermta.domain.message.MessageBody;
import org.ledgermta.domain.message.MessageId;

/** Commands with plausible content for tests that exercise the store rather than the rules. */
public final class SampleCommands {

    private SampleCommands() {
    }

    public static AcceptMessageCommand accept(String messageId, Instant at) {
        return new AcceptMessageCommand(
                MessageId.of(messageId),
                new AccountId("hosting-7"),
                new ReversePath("wordpress@shop.example"),
                List.of(new EmailAddress("alice@receiver.example"), new EmailAddress("bob@receiver.example")),
                new MessageBody("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 4096),
                "<" + messageId + "@shop.example>",
                "Shop <wordpress@shop.example>",
                "127.0.0.1",
                IntakeRoute.SMTP,
                at,
                at.plus(Duration.ofDays(5)));
    }
}
