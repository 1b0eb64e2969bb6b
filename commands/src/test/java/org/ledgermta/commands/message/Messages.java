package org.ledgermta.commands.message;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.IntakeRoute;
import org.ledgermta.domain.ReversePath;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.message.AcceptMessageCommand;
import org.ledgermta.domain.message.DeliveryAttemptedEvent;
import org.ledgermta.domain.message.DeliveryDeferredEvent;
import org.ledgermta.domain.message.MessageAcceptedEvent;
import org.ledgermta.domain.message.MessageBody;
import org.ledgermta.domain.message.MessageBouncedEvent;
import org.ledgermta.domain.message.MessageDeliveredEvent;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.RecipientOutcome;
import org.ledgermta.domain.message.RecipientResult;
import org.ledgermta.domain.message.RecordDeliveryAttemptCommand;
import org.ledgermta.domain.message.SmtpReply;

/** Shared facts of the message used by the OutboundMessage tests: two recipients at two domains. */
final class Messages {

    static final MessageId ID = MessageId.of("Q0000001-test");
    static final EmailAddress ALICE = new EmailAddress("alice@example.org");
    static final EmailAddress BOB = new EmailAddress("bob@example.net");
    static final Instant ACCEPTED_AT = Instant.parse("2026-03-02T10:00:00Z");
    static final Instant EXPIRES_AT = ACCEPTED_AT.plus(Duration.ofDays(5));
    static final Instant FIRST_ATTEMPT_AT = ACCEPTED_AT.plusSeconds(2);
    static final EgressIpAddress IP_11 = new EgressIpAddress("127.0.0.11");
    static final EgressIpAddress IP_12 = new EgressIpAddress("127.0.0.12");

    static final SmtpReply OK = new SmtpReply(250, "2.0.0", "Ok: queued as 4F2A1");
    static final SmtpReply GREYLISTED = new SmtpReply(451, "4.7.1", "Greylisted, try again in 300 seconds");
    static final SmtpReply NO_MAILBOX =
            new SmtpReply(550, "5.1.1", "The email account that you tried to reach does not exist");
    static final SmtpReply SPAMHAUS = new SmtpReply(554, "5.7.1",
            "Service unavailable; Client host [127.0.0.11] blocked using zen.spamhaus.org");

    private Messages() {
    }

    static AcceptMessageCommand accept(ReversePath sender, List<EmailAddress> recipients) {
        return new AcceptMessageCommand(ID, new AccountId("acme"), sender, recipients,
                new MessageBody("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 2048),
                "<abc@shop.example>", "Shop <news@shop.example>", "192.0.2.7", IntakeRoute.SMTP, ACCEPTED_AT,
                EXPIRES_AT);
    }

    static AcceptMessageCommand accept(ReversePath sender) {
        return accept(sender, List.of(ALICE, BOB));
    }

    static AcceptMessageCommand accept() {
        return accept(new ReversePath("news@shop.example"));
    }

    static MessageAcceptedEvent accepted(ReversePath sender, List<EmailAddress> recipients) {
        AcceptMessageCommand c = accept(sender, recipients);
        return new MessageAcceptedEvent(c.messageId(), c.account(), c.sender(), c.recipients(), c.body(),
                c.headerMessageId(), c.headerFrom(), c.clientIp(), c.route(), c.acceptedAt(), c.expiresAt());
    }

    static MessageAcceptedEvent accepted(ReversePath sender) {
        return accepted(sender, List.of(ALICE, BOB));
    }

    static MessageAcceptedEvent accepted(List<EmailAddress> recipients) {
        return accepted(accept().sender(), recipients);
    }

    static MessageAcceptedEvent accepted() {
        return accepted(accept().sender());
    }

    static RecipientResult result(EmailAddress recipient, SmtpReply reply, RecipientOutcome outcome) {
        return new RecipientResult(recipient, reply, outcome);
    }

    static RecordDeliveryAttemptCommand attempt(EgressIpAddress ip, Instant at, RecipientResult... results) {
        return new RecordDeliveryAttemptCommand(ID, ip, "mx1.example.org", "127.0.0.1", true,
                Duration.ofMillis(420), List.of(results), at);
    }

    static DeliveryAttemptedEvent attempted(int number, EgressIpAddress ip, Instant at, RecipientResult... results) {
        List<RecipientResult> list = List.of(results);
        return new DeliveryAttemptedEvent(ID, number, list.stream().map(RecipientResult::recipient).toList(), ip,
                "mx1.example.org", "127.0.0.1", true, list, Duration.ofMillis(420), at);
    }

    static MessageDeliveredEvent delivered(int number, EgressIpAddress ip, Instant at, EmailAddress... recipients) {
        return new MessageDeliveredEvent(ID, number, List.of(recipients), ip, "mx1.example.org", OK, at);
    }

    static MessageBouncedEvent bounced(int number, Instant at, EmailAddress... recipients) {
        return new MessageBouncedEvent(ID, number, List.of(recipients), NO_MAILBOX, at);
    }

    static DeliveryDeferredEvent deferred(int number, Set<EgressIpAddress> tried, Instant at,
            EmailAddress... recipients) {
        return new DeliveryDeferredEvent(ID, number, List.of(recipients), GREYLISTED, false, tried, at, EXPIRES_AT);
    }
}
