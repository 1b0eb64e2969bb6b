package org.ledgermta.projections.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.IntakeRoute;
import org.ledgermta.domain.ReversePath;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.message.BounceNotificationIssuedEvent;
import org.ledgermta.domain.message.DeliveryAttemptedEvent;
import org.ledgermta.domain.message.DeliveryDeferredEvent;
import org.ledgermta.domain.message.DeliveryRetryScheduledEvent;
import org.ledgermta.domain.message.MessageAcceptedEvent;
import org.ledgermta.domain.message.MessageBody;
import org.ledgermta.domain.message.MessageBouncedEvent;
import org.ledgermta.domain.message.MessageDeletedEvent;
import org.ledgermta.domain.message.MessageDeliveredEvent;
import org.ledgermta.domain.message.MessageExpiredEvent;
import org.ledgermta.domain.message.MessageHeldEvent;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.MessageReleasedEvent;
import org.ledgermta.domain.message.RecipientOutcome;
import org.ledgermta.domain.message.RecipientResult;
import org.ledgermta.domain.message.SmtpReply;

class MessageStateFoldTest {

    private static final MessageId ID = MessageId.of("history-0001");
    private static final EmailAddress ALICE = new EmailAddress("alice@receiver.example");
    private static final EmailAddress BOB = new EmailAddress("bob@receiver.example");
    private static final EgressIpAddress IP_11 = new EgressIpAddress("127.0.0.11");
    private static final EgressIpAddress IP_12 = new EgressIpAddress("127.0.0.12");
    private static final SmtpReply TRY_LATER = new SmtpReply(451, "4.7.1", "Greylisted, try again later");
    private static final SmtpReply QUEUED_OK = new SmtpReply(250, "2.0.0", "Ok: queued as 4FbC1");
    private static final SmtpReply NO_SUCH_USER = new SmtpReply(550, "5.1.1", "User unknown");
    private static final Instant EXPIRES = at("2026-12-03T10:00:00");

    private static Instant at(String localTime) {
        return Instant.parse(localTime + "Z");
    }

    private static Instant today(String time) {
        return at("2026-11-28T" + time);
    }

    /** A stream whose recorded timestamps are the times the payloads give, in the order written. */
    private static final class Stream {
        private final List<TimedEvent> events = new ArrayList<>();

        Stream recorded(Instant timestamp, Object payload) {
            events.add(new TimedEvent(payload, timestamp, events.size()));
            return this;
        }

        Optional<MessageState> asOf(Instant at) {
            return MessageStateFold.fold(events, at);
        }
    }

    private static MessageAcceptedEvent accepted(Instant at, EmailAddress... recipients) {
        return new MessageAcceptedEvent(ID, new AccountId("hosting-7"), new ReversePath("wordpress@shop.example"),
                List.of(recipients), new MessageBody("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                        4096), "<history-0001@shop.example>", "Shop <wordpress@shop.example>", "192.0.2.7",
                IntakeRoute.SMTP, at, EXPIRES);
    }

    private static DeliveryAttemptedEvent attempted(int number, EgressIpAddress ip, Instant at,
                                                    RecipientResult... results) {
        return new DeliveryAttemptedEvent(ID, number, List.of(results).stream().map(RecipientResult::recipient).toList(),
                ip, "mx.receiver.example", "192.0.2.25", true, List.of(results), Duration.ofMillis(180), at);
    }

    private static RecipientResult result(EmailAddress recipient, SmtpReply reply, RecipientOutcome outcome) {
        return new RecipientResult(recipient, reply, outcome);
    }

    /** Accepted 10:00, deferred 10:01, retry scheduled for 10:06, delivered 10:06:02 from another IP. */
    private static Stream deferredThenDelivered() {
        return new Stream()
                .recorded(today("10:00:00"), accepted(today("10:00:00"), ALICE, BOB))
                .recorded(today("10:01:00"), attempted(1, IP_11, today("10:01:00"),
                        result(ALICE, TRY_LATER, RecipientOutcome.DEFERRED),
                        result(BOB, TRY_LATER, RecipientOutcome.DEFERRED)))
                .recorded(today("10:01:00"), new DeliveryDeferredEvent(ID, 1, List.of(ALICE, BOB), TRY_LATER, false,
                        Set.of(IP_11), today("10:01:00"), EXPIRES))
                .recorded(today("10:01:00.250"), new DeliveryRetryScheduledEvent(ID, today("10:06:00"), Set.of(IP_11),
                        today("10:01:00.250")))
                .recorded(today("10:06:02"), attempted(2, IP_12, today("10:06:02"),
                        result(ALICE, QUEUED_OK, RecipientOutcome.DELIVERED),
                        result(BOB, QUEUED_OK, RecipientOutcome.DELIVERED)))
                .recorded(today("10:06:02"), new MessageDeliveredEvent(ID, 2, List.of(ALICE, BOB), IP_12,
                        "mx.receiver.example", QUEUED_OK, today("10:06:02")));
    }

    @Test
    void deferredThenDeliveredMessageReadsAsItWasAtEachInstant() {
        Stream stream = deferredThenDelivered();

        assertThat(stream.asOf(today("09:59:00"))).isEmpty();
        assertThat(stream.asOf(today("10:00:30"))).contains(new MessageState("history-0001", "hosting-7",
                "wordpress@shop.example", List.of("alice@receiver.example", "bob@receiver.example"), List.of(),
                List.of(), "QUEUED", 0, List.of(), today("10:00:00"), null, today("10:00:00"), EXPIRES,
                today("10:00:30")));
        assertThat(stream.asOf(today("10:03:00"))).contains(new MessageState("history-0001", "hosting-7",
                "wordpress@shop.example", List.of("alice@receiver.example", "bob@receiver.example"), List.of(),
                List.of(), "DEFERRED", 1, List.of("127.0.0.11"), today("10:06:00"), "451 4.7.1 Greylisted, try again later",
                today("10:00:00"), EXPIRES, today("10:03:00")));
        assertThat(stream.asOf(today("10:07:00"))).contains(new MessageState("history-0001", "hosting-7",
                "wordpress@shop.example", List.of(), List.of("alice@receiver.example", "bob@receiver.example"),
                List.of(), "DELIVERED", 2, List.of("127.0.0.11", "127.0.0.12"), null, "250 2.0.0 Ok: queued as 4FbC1",
                today("10:00:00"), EXPIRES, today("10:07:00")));
    }

    @Test
    void eachInstantSeesTheEventsRecordedUpToAndIncludingIt() {
        Stream stream = deferredThenDelivered();

        // table: instant -> state, attempts, next attempt
        Object[][] table = {
                {"09:59:59.999", null, 0, null},
                {"10:00:00", "QUEUED", 0, today("10:00:00")},
                {"10:00:59.999", "QUEUED", 0, today("10:00:00")},
                // deferred, the retry not yet scheduled: the next attempt is still the accept's
                {"10:01:00", "DEFERRED", 1, today("10:00:00")},
                {"10:01:00.250", "DEFERRED", 1, today("10:06:00")},
                {"10:06:00", "DEFERRED", 1, today("10:06:00")},
                {"10:06:02", "DELIVERED", 2, null},
                {"23:59:59", "DELIVERED", 2, null},
        };
        for (Object[] row : table) {
            Instant instant = today((String) row[0]);
            Optional<MessageState> state = stream.asOf(instant);
            if (row[1] == null) {
                assertThat(state).as("as of %s", row[0]).isEmpty();
                continue;
            }
            assertThat(state).as("as of %s", row[0]).hasValueSatisfying(message -> {
                assertThat(message.state()).as("state as of %s", row[0]).isEqualTo(row[1]);
                assertThat(message.attempts()).as("attempts as of %s", row[0]).isEqualTo(row[2]);
                assertThat(message.nextAttemptAt()).as("next attempt as of %s", row[0]).isEqualTo(row[3]);
                assertThat(message.asOf()).isEqualTo(instant);
            });
        }
    }

    @Test
    void theRecordedTimestampDecidesNotTheTimeInThePayload() {
        // accepted-at says 10:00, but the ledger recorded the fact only at 10:05 (a slow intake, a skewed client)
        Stream stream = new Stream().recorded(today("10:05:00"), accepted(today("10:00:00"), ALICE));

        assertThat(stream.asOf(today("10:03:00"))).isEmpty();
        assertThat(stream.asOf(today("10:05:00"))).hasValueSatisfying(message ->
                assertThat(message.acceptedAt()).isEqualTo(today("10:00:00")));
    }

    @Test
    void eventsAreFoldedInSequenceOrderWhateverOrderTheyArriveIn() {
        Stream stream = deferredThenDelivered();
        List<TimedEvent> shuffled = new ArrayList<>(stream.events);
        Collections.shuffle(shuffled, new Random(7));

        for (String time : List.of("10:00:30", "10:03:00", "10:07:00")) {
            assertThat(MessageStateFold.fold(shuffled, today(time))).isEqualTo(stream.asOf(today(time)));
        }
    }

    @Test
    void aLaterEventWhoseClockSteppedBackIsNotSeenBeforeTheEventsThatPrecedeIt() {
        Stream stream = new Stream()
                .recorded(today("10:00:00"), accepted(today("10:00:00"), ALICE))
                .recorded(today("10:02:00"), new MessageHeldEvent(ID, "operator", "looks like spam", today("10:02:00")))
                // recorded on a node whose clock was 45 seconds behind
                .recorded(today("10:01:30"), new MessageDeletedEvent(ID, List.of(ALICE), "operator", "spam",
                        today("10:01:30")));

        assertThat(stream.asOf(today("10:01:45"))).hasValueSatisfying(message ->
                assertThat(message.state()).isEqualTo("QUEUED"));
        assertThat(stream.asOf(today("10:02:00"))).hasValueSatisfying(message ->
                assertThat(message.state()).isEqualTo("DELETED"));
    }

    @Test
    void oneRecipientDeliveredAndOneBouncedEndsBounced() {
        Stream stream = new Stream()
                .recorded(today("10:00:00"), accepted(today("10:00:00"), ALICE, BOB))
                .recorded(today("10:00:02"), attempted(1, IP_11, today("10:00:02"),
                        result(ALICE, QUEUED_OK, RecipientOutcome.DELIVERED),
                        result(BOB, NO_SUCH_USER, RecipientOutcome.BOUNCED)))
                .recorded(today("10:00:02"), new MessageDeliveredEvent(ID, 1, List.of(ALICE), IP_11,
                        "mx.receiver.example", QUEUED_OK, today("10:00:02")))
                .recorded(today("10:00:02"), new MessageBouncedEvent(ID, 1, List.of(BOB), NO_SUCH_USER,
                        today("10:00:02")))
                .recorded(today("10:00:03"), new BounceNotificationIssuedEvent(ID, MessageId.of("dsn-00000001"),
                        today("10:00:03")));

        assertThat(stream.asOf(today("10:05:00"))).hasValueSatisfying(message -> {
            assertThat(message.state()).isEqualTo("BOUNCED");
            assertThat(message.pending()).isEmpty();
            assertThat(message.delivered()).containsExactly("alice@receiver.example");
            assertThat(message.bounced()).containsExactly("bob@receiver.example");
            assertThat(message.lastReply()).isEqualTo("550 5.1.1 User unknown");
            assertThat(message.nextAttemptAt()).isNull();
        });
    }

    @Test
    void oneRecipientDeliveredAndOneDeferredStaysDeferredForTheOther() {
        Stream stream = new Stream()
                .recorded(today("10:00:00"), accepted(today("10:00:00"), ALICE, BOB))
                .recorded(today("10:00:02"), attempted(1, IP_11, today("10:00:02"),
                        result(ALICE, QUEUED_OK, RecipientOutcome.DELIVERED),
                        result(BOB, TRY_LATER, RecipientOutcome.DEFERRED)))
                .recorded(today("10:00:02"), new MessageDeliveredEvent(ID, 1, List.of(ALICE), IP_11,
                        "mx.receiver.example", QUEUED_OK, today("10:00:02")))
                .recorded(today("10:00:02"), new DeliveryDeferredEvent(ID, 1, List.of(BOB), TRY_LATER, false,
                        Set.of(IP_11), today("10:00:02"), EXPIRES));

        assertThat(stream.asOf(today("10:05:00"))).hasValueSatisfying(message -> {
            assertThat(message.state()).isEqualTo("DEFERRED");
            assertThat(message.pending()).containsExactly("bob@receiver.example");
            assertThat(message.delivered()).containsExactly("alice@receiver.example");
            assertThat(message.lastReply()).isEqualTo("451 4.7.1 Greylisted, try again later");
        });
    }

    @Test
    void heldThenReleasedGoesBackToWhereItWas() {
        Stream stream = new Stream()
                .recorded(today("10:00:00"), accepted(today("10:00:00"), ALICE))
                .recorded(today("10:00:05"), new MessageHeldEvent(ID, "operator", "checking", today("10:00:05")))
                .recorded(today("10:10:00"), new MessageReleasedEvent(ID, "operator", today("10:10:00")));

        assertThat(stream.asOf(today("10:05:00"))).hasValueSatisfying(message ->
                assertThat(message.state()).isEqualTo("HELD"));
        assertThat(stream.asOf(today("10:10:00"))).hasValueSatisfying(message -> {
            assertThat(message.state()).isEqualTo("QUEUED");
            assertThat(message.nextAttemptAt()).isEqualTo(today("10:10:00"));
        });
    }

    @Test
    void expiryCountsTheUndeliveredRecipientsAsFailed() {
        Stream stream = new Stream()
                .recorded(today("10:00:00"), accepted(today("10:00:00"), ALICE))
                .recorded(today("10:01:00"), attempted(1, IP_11, today("10:01:00"),
                        result(ALICE, TRY_LATER, RecipientOutcome.DEFERRED)))
                .recorded(today("10:01:00"), new DeliveryDeferredEvent(ID, 1, List.of(ALICE), TRY_LATER, false,
                        Set.of(IP_11), today("10:01:00"), EXPIRES))
                .recorded(EXPIRES, new MessageExpiredEvent(ID, List.of(ALICE), EXPIRES, EXPIRES));

        assertThat(stream.asOf(EXPIRES.minusMillis(1))).hasValueSatisfying(message ->
                assertThat(message.state()).isEqualTo("DEFERRED"));
        assertThat(stream.asOf(EXPIRES)).hasValueSatisfying(message -> {
            assertThat(message.state()).isEqualTo("EXPIRED");
            assertThat(message.pending()).isEmpty();
            assertThat(message.bounced()).containsExactly("alice@receiver.example");
            assertThat(message.nextAttemptAt()).isNull();
        });
    }

    @Test
    void deletedMessageHasNothingPending() {
        Stream stream = new Stream()
                .recorded(today("10:00:00"), accepted(today("10:00:00"), ALICE, BOB))
                .recorded(today("10:00:30"), new MessageDeletedEvent(ID, List.of(ALICE, BOB), "operator", "spam",
                        today("10:00:30")));

        assertThat(stream.asOf(today("10:01:00"))).hasValueSatisfying(message -> {
            assertThat(message.state()).isEqualTo("DELETED");
            assertThat(message.pending()).isEmpty();
            assertThat(message.nextAttemptAt()).isNull();
        });
    }

    @Test
    void noEventsOrOnlyForeignOnesMeanNoMessage() {
        assertThat(MessageStateFold.fold(null, today("10:00:00"))).isEmpty();
        assertThat(MessageStateFold.fold(List.of(), today("10:00:00"))).isEmpty();
        // e.g. an aggregate snapshot, or an event of a later kind: neither starts a message
        assertThat(MessageStateFold.fold(List.of(new TimedEvent("a snapshot", today("09:00:00"), 0),
                new TimedEvent(new MessageHeldEvent(ID, "operator", "x", today("09:00:01")), today("09:00:01"), 1)),
                today("10:00:00"))).isEmpty();
    }
}
