package org.ledgermta.api.forensics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.IntakeRoute;
import org.ledgermta.domain.ReversePath;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.message.DeliveryAttemptedEvent;
import org.ledgermta.domain.message.MessageAcceptedEvent;
import org.ledgermta.domain.message.MessageBody;
import org.ledgermta.domain.message.MessageDeliveredEvent;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.RecipientOutcome;
import org.ledgermta.domain.message.RecipientResult;
import org.ledgermta.domain.message.SmtpReply;

class LedgerTimingsTest {

    private static final Instant T = Instant.parse("2026-11-29T10:00:00Z");
    private static final EmailAddress ALICE = new EmailAddress("alice@one.example");
    private static final EmailAddress BOB = new EmailAddress("bob@two.example");

    @Test
    void aMessageIsTimedToTheDeliveryOfItsLastRecipient() {
        LedgerTimings.Fold fold = new LedgerTimings.Fold();
        fold.add(event("message-a", 0, accepted("message-a", T, ALICE, BOB), T));
        fold.add(event("message-b", 0, accepted("message-b", T.plusMillis(100), ALICE), T.plusMillis(100)));
        fold.add(event("message-c", 0, accepted("message-c", T.plusMillis(200), ALICE), T.plusMillis(200)));
        fold.add(event("message-a", 1, delivered("message-a", T.plusMillis(40), ALICE), T.plusMillis(400)));
        fold.add(event("message-b", 1, delivered("message-b", T.plusMillis(130), ALICE), T.plusMillis(500)));
        fold.add(event("message-a", 2, delivered("message-a", T.plusMillis(900), BOB), T.plusMillis(1000)));

        LedgerTimings.Report report = fold.report(T);

        assertThat(report.events()).isEqualTo(6);
        assertThat(report.eventsPerSecond()).isEqualTo(6.0);
        assertThat(report.accepted()).isEqualTo(3);
        assertThat(report.delivered()).isEqualTo(2);
        assertThat(report.notDelivered()).isEqualTo(1);
        assertThat(report.p50Millis()).isEqualTo(30);
        assertThat(report.p99Millis()).isEqualTo(900);
        assertThat(report.maxMillis()).isEqualTo(900);
    }

    @Test
    void theFirstAttemptSaysWhereTheTimeWent() {
        LedgerTimings.Fold fold = new LedgerTimings.Fold();
        // DATA ended at T, accept recorded at +4, attempt started at +10 and took 25 ms, recorded 1 ms after
        fold.add(event("message-a", 0, accepted("message-a", T, ALICE), T.plusMillis(4)));
        fold.add(event("message-a", 1, attempted("message-a", 1, T.plusMillis(35), Duration.ofMillis(25)),
                T.plusMillis(36)));
        // a second attempt of the same message is not its first
        fold.add(event("message-a", 2, attempted("message-a", 2, T.plusMillis(900), Duration.ofMillis(500)),
                T.plusMillis(901)));

        LedgerTimings.FirstAttempt first = fold.report(T).firstAttempt();

        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.intake()).isEqualTo(new LedgerTimings.Stage(4L, 4L));
        assertThat(first.queued()).isEqualTo(new LedgerTimings.Stage(6L, 6L));
        assertThat(first.transaction()).isEqualTo(new LedgerTimings.Stage(25L, 25L));
        assertThat(first.recording()).isEqualTo(new LedgerTimings.Stage(1L, 1L));
    }

    @Test
    void anEmptyPeriodHasNoLatency() {
        LedgerTimings.Report report = new LedgerTimings.Fold().report(T);

        assertThat(report.events()).isZero();
        assertThat(report.eventsPerSecond()).isZero();
        assertThat(report.p50Millis()).isNull();
    }

    private static GenericDomainEventMessage<?> event(String id, long sequence, Object payload, Instant recorded) {
        return new GenericDomainEventMessage<>("OutboundMessage", id, sequence, payload,
                MetaData.emptyInstance(), UUID.randomUUID().toString(), recorded);
    }

    private static MessageAcceptedEvent accepted(String id, Instant at, EmailAddress... to) {
        return new MessageAcceptedEvent(MessageId.of(id), new AccountId("acme"), new ReversePath("news@acme.example"),
                List.of(to), new MessageBody("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 2048),
                null, null, "198.51.100.7", IntakeRoute.SMTP, at, at.plus(Duration.ofDays(5)));
    }

    private static DeliveryAttemptedEvent attempted(String id, int number, Instant at, Duration took) {
        return new DeliveryAttemptedEvent(MessageId.of(id), number, List.of(ALICE), new EgressIpAddress("127.0.0.11"),
                "mx.one.example", "192.0.2.25", true, List.of(new RecipientResult(ALICE,
                        new SmtpReply(250, "2.0.0", "Ok"), RecipientOutcome.DELIVERED)), took, at);
    }

    private static MessageDeliveredEvent delivered(String id, Instant at, EmailAddress to) {
        return new MessageDeliveredEvent(MessageId.of(id), 1, List.of(to), new EgressIpAddress("127.0.0.11"),
                "mx.one.example", new SmtpReply(250, "2.0.0", "Ok"), at);
    }
}
