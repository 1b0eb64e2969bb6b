package org.ledgermta.commands.message;

import static org.hamcrest.Matchers.containsString;
import static org.ledgermta.commands.message.Messages.ACCEPTED_AT;
import static org.ledgermta.commands.message.Messages.ALICE;
import static org.ledgermta.commands.message.Messages.BOB;
import static org.ledgermta.commands.message.Messages.EXPIRES_AT;
import static org.ledgermta.commands.message.Messages.FIRST_ATTEMPT_AT;
import static org.ledgermta.commands.message.Messages.GREYLISTED;
import static org.ledgermta.commands.message.Messages.ID;
import static org.ledgermta.commands.message.Messages.IP_11;
import static org.ledgermta.commands.message.Messages.IP_12;
import static org.ledgermta.commands.message.Messages.NO_MAILBOX;
import static org.ledgermta.commands.message.Messages.OK;
import static org.ledgermta.commands.message.Messages.accept;
import static org.ledgermta.commands.message.Messages.accepted;
import static org.ledgermta.commands.message.Messages.attempt;
import static org.ledgermta.commands.message.Messages.attempted;
import static org.ledgermta.commands.message.Messages.bounced;
import static org.ledgermta.commands.message.Messages.deferred;
import static org.ledgermta.commands.message.Messages.delivered;
import static org.ledgermta.commands.message.Messages.result;
import static org.ledgermta.domain.message.RecipientOutcome.BOUNCED;
import static org.ledgermta.domain.message.RecipientOutcome.DEFERRED;
import static org.ledgermta.domain.message.RecipientOutcome.DELIVERED;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ledgermta.domain.CommandRefusedException;
import org.ledgermta.domain.message.DeleteMessageCommand;
import org.ledgermta.domain.message.DeliveryRetryScheduledEvent;
import org.ledgermta.domain.message.ExpireMessageCommand;
import org.ledgermta.domain.message.HoldMessageCommand;
import org.ledgermta.domain.message.MessageDeletedEvent;
import org.ledgermta.domain.message.MessageExpiredEvent;
import org.ledgermta.domain.message.MessageHeldEvent;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.MessageReleasedEvent;
import org.ledgermta.domain.message.RecordBounceNotificationCommand;
import org.ledgermta.domain.message.ReleaseMessageCommand;
import org.ledgermta.domain.message.ScheduleDeliveryRetryCommand;

/** Hold, release, delete and "retry now", as an operator does them from the API. */
class OutboundMessageOperatorActionsTest {

    private static final String OPERATOR = "ops-anna";
    private static final String HOLD_REASON = "compromised account, ticket 4711";
    private static final String DELETE_REASON = "spam from a compromised account, ticket 4711";
    private static final Instant HELD_AT = FIRST_ATTEMPT_AT.plusSeconds(60);
    private static final Instant RELEASED_AT = HELD_AT.plusSeconds(600);
    private static final Instant DELETED_AT = HELD_AT.plusSeconds(900);

    private FixtureConfiguration<OutboundMessage> fixture;

    @BeforeEach
    void createFixture() {
        fixture = new AggregateTestFixture<>(OutboundMessage.class);
    }

    /** Alice delivered at the first attempt, Bob deferred by greylisting. */
    private static Object[] partlyDeferred(Object... later) {
        return Stream.concat(Stream.of(
                        accepted(),
                        attempted(1, IP_11, FIRST_ATTEMPT_AT, result(ALICE, OK, DELIVERED),
                                result(BOB, GREYLISTED, DEFERRED)),
                        delivered(1, IP_11, FIRST_ATTEMPT_AT, ALICE),
                        deferred(1, Set.of(IP_11), FIRST_ATTEMPT_AT, BOB)),
                Stream.of(later)).toArray();
    }

    private static Object[] deliveredToBoth() {
        return new Object[] {
                accepted(),
                attempted(1, IP_11, FIRST_ATTEMPT_AT, result(ALICE, OK, DELIVERED), result(BOB, OK, DELIVERED)),
                delivered(1, IP_11, FIRST_ATTEMPT_AT, ALICE, BOB)};
    }

    private static Object[] bouncedForBoth() {
        return new Object[] {
                accepted(),
                attempted(1, IP_11, FIRST_ATTEMPT_AT, result(ALICE, NO_MAILBOX, BOUNCED),
                        result(BOB, NO_MAILBOX, BOUNCED)),
                bounced(1, FIRST_ATTEMPT_AT, ALICE, BOB)};
    }

    private static MessageExpiredEvent expired() {
        return new MessageExpiredEvent(ID, List.of(ALICE, BOB), EXPIRES_AT, EXPIRES_AT);
    }

    private static HoldMessageCommand hold() {
        return new HoldMessageCommand(ID, OPERATOR, HOLD_REASON, HELD_AT);
    }

    private static MessageHeldEvent held() {
        return new MessageHeldEvent(ID, OPERATOR, HOLD_REASON, HELD_AT);
    }

    private static MessageReleasedEvent released() {
        return new MessageReleasedEvent(ID, OPERATOR, RELEASED_AT);
    }

    private static DeleteMessageCommand delete() {
        return new DeleteMessageCommand(ID, OPERATOR, DELETE_REASON, DELETED_AT);
    }

    private static MessageDeletedEvent deletedWithBothPending() {
        return new MessageDeletedEvent(ID, List.of(ALICE, BOB), OPERATOR, DELETE_REASON, DELETED_AT);
    }

    // "Retry now" from the API: a retry due one millisecond after the operator asked for it.
    private static ScheduleDeliveryRetryCommand retryNow(Instant now) {
        return new ScheduleDeliveryRetryCommand(ID, now.plusMillis(1), Set.of(IP_11), now);
    }

    private static final String HELD_REFUSAL = "Message " + ID + " is held by " + OPERATOR + " since " + HELD_AT
            + " (" + HOLD_REASON + "); release it first.";

    @Test
    void queuedMessageIsHeld() {
        fixture.given(accepted())
                .when(hold())
                .expectEvents(held());
    }

    @Test
    void deferredMessageIsHeld() {
        fixture.given(partlyDeferred())
                .when(hold())
                .expectEvents(held());
    }

    @Test
    void heldMessageIsNotHeldAgain() {
        fixture.given(accepted(), held())
                .when(new HoldMessageCommand(ID, "ops-ben", "second look", RELEASED_AT))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("Message " + ID + " is already held by " + OPERATOR + " since " + HELD_AT
                        + " (" + HOLD_REASON + ").");
    }

    @Test
    void deliveredMessageIsNotHeld() {
        fixture.given(deliveredToBoth())
                .when(hold())
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("was delivered to every recipient at " + FIRST_ATTEMPT_AT
                        + "; it cannot be held."));
    }

    @Test
    void bouncedMessageIsNotHeld() {
        fixture.given(bouncedForBoth())
                .when(hold())
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("(2 of 2 recipients bounced); it cannot be held."));
    }

    @Test
    void expiredMessageIsNotHeld() {
        fixture.given(accepted(), expired())
                .when(hold())
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("expired at " + EXPIRES_AT + "; it cannot be held."));
    }

    @Test
    void heldMessageRefusesADeliveryAttempt() {
        fixture.given(accepted(), held())
                .when(attempt(IP_11, HELD_AT.plusSeconds(1), result(ALICE, OK, DELIVERED)))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(HELD_REFUSAL);
    }

    @Test
    void heldMessageRefusesARetry() {
        fixture.given(partlyDeferred(held()))
                .when(new ScheduleDeliveryRetryCommand(ID, HELD_AT.plusSeconds(300), Set.of(IP_11), HELD_AT))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(HELD_REFUSAL);
    }

    @Test
    void heldMessageRefusesARetryNow() {
        fixture.given(partlyDeferred(held()))
                .when(retryNow(RELEASED_AT))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(HELD_REFUSAL);
    }

    // The maximum queue age is a promise to the sender; an operator who wants no notification deletes instead.
    @Test
    void heldMessageStillExpires() {
        fixture.given(partlyDeferred(held()))
                .when(new ExpireMessageCommand(ID, EXPIRES_AT))
                .expectEvents(new MessageExpiredEvent(ID, List.of(BOB), EXPIRES_AT, EXPIRES_AT));
    }

    @Test
    void heldMessageIsReleased() {
        fixture.given(accepted(), held())
                .when(new ReleaseMessageCommand(ID, OPERATOR, RELEASED_AT))
                .expectEvents(released());
    }

    @Test
    void releasedQueuedMessageTakesItsFirstAttempt() {
        Instant attemptedAt = RELEASED_AT.plusSeconds(1);
        fixture.given(accepted(), held(), released())
                .when(attempt(IP_11, attemptedAt, result(ALICE, OK, DELIVERED), result(BOB, OK, DELIVERED)))
                .expectEvents(attempted(1, IP_11, attemptedAt, result(ALICE, OK, DELIVERED), result(BOB, OK, DELIVERED)),
                        delivered(1, IP_11, attemptedAt, ALICE, BOB));
    }

    @Test
    void releasedDeferredMessageIsDeferredAgainAndRetriedNow() {
        fixture.given(partlyDeferred(held(), released()))
                .when(retryNow(RELEASED_AT))
                .expectEvents(new DeliveryRetryScheduledEvent(ID, RELEASED_AT.plusMillis(1), Set.of(IP_11),
                        RELEASED_AT));
    }

    @Test
    void messageNotHeldIsNotReleased() {
        fixture.given(partlyDeferred())
                .when(new ReleaseMessageCommand(ID, OPERATOR, RELEASED_AT))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("Message " + ID + " is DEFERRED, not held; only a held message is released.");
    }

    @Test
    void releasedMessageIsNotReleasedTwice() {
        fixture.given(accepted(), held(), released())
                .when(new ReleaseMessageCommand(ID, OPERATOR, RELEASED_AT.plusSeconds(1)))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("is QUEUED, not held"));
    }

    @Test
    void heldMessageThatExpiredIsNotReleased() {
        fixture.given(accepted(), held(), expired())
                .when(new ReleaseMessageCommand(ID, OPERATOR, EXPIRES_AT.plusSeconds(1)))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("expired at " + EXPIRES_AT + "; it cannot be released."));
    }

    @Test
    void retryNowOfADeferredMessageIsScheduledAMillisecondAhead() {
        Instant now = FIRST_ATTEMPT_AT.plusSeconds(30);
        fixture.given(partlyDeferred())
                .when(retryNow(now))
                .expectEvents(new DeliveryRetryScheduledEvent(ID, now.plusMillis(1), Set.of(IP_11), now));
    }

    // A queued message that was never tried is already due: the engine has it in its ready queue.
    @Test
    void retryNowOfAQueuedMessageIsRefused() {
        fixture.given(accepted())
                .when(retryNow(ACCEPTED_AT.plusSeconds(1)))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("is QUEUED with no deferred recipient"));
    }

    @Test
    void queuedMessageIsDeletedWithEveryRecipient() {
        fixture.given(accepted())
                .when(delete())
                .expectEvents(deletedWithBothPending());
    }

    @Test
    void partlyDeliveredMessageIsDeletedWithOnlyItsPendingRecipients() {
        fixture.given(partlyDeferred())
                .when(delete())
                .expectEvents(new MessageDeletedEvent(ID, List.of(BOB), OPERATOR, DELETE_REASON, DELETED_AT));
    }

    @Test
    void heldMessageIsDeleted() {
        fixture.given(accepted(), held())
                .when(delete())
                .expectEvents(deletedWithBothPending());
    }

    @Test
    void deliveredMessageIsNotDeleted() {
        fixture.given(deliveredToBoth())
                .when(delete())
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("was delivered to every recipient at " + FIRST_ATTEMPT_AT
                        + "; it cannot be deleted."));
    }

    @Test
    void bouncedMessageIsNotDeleted() {
        fixture.given(bouncedForBoth())
                .when(delete())
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("recipients bounced); it cannot be deleted."));
    }

    @Test
    void expiredMessageIsNotDeleted() {
        fixture.given(accepted(), expired())
                .when(delete())
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("expired at " + EXPIRES_AT + "; it cannot be deleted."));
    }

    static Stream<Object> everyCommand() {
        return Stream.of(
                attempt(IP_12, DELETED_AT.plusSeconds(1), result(ALICE, OK, DELIVERED)),
                retryNow(DELETED_AT.plusSeconds(1)),
                new ExpireMessageCommand(ID, EXPIRES_AT),
                hold(),
                new ReleaseMessageCommand(ID, OPERATOR, DELETED_AT.plusSeconds(1)),
                delete(),
                new RecordBounceNotificationCommand(ID, MessageId.of("Q0000002-dsn"), DELETED_AT.plusSeconds(1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCommand")
    void deletedMessageRefusesEveryCommand(Object command) {
        fixture.given(accepted(), held(), deletedWithBothPending())
                .when(command)
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                // (a second accept is refused by the event store: OutboundMessageAcceptanceTest)
                .expectExceptionMessage(containsString("Message " + ID + " was deleted by " + OPERATOR + " at "
                        + DELETED_AT + " (" + DELETE_REASON + ")"));
    }

    // A deletion after a bounce is just as silent: the one notification per message is never issued.
    @Test
    void deletedMessageWithABouncedRecipientGetsNoNotification() {
        fixture.given(accepted(),
                        attempted(1, IP_11, FIRST_ATTEMPT_AT, result(ALICE, NO_MAILBOX, BOUNCED),
                                result(BOB, GREYLISTED, DEFERRED)),
                        bounced(1, FIRST_ATTEMPT_AT, ALICE),
                        deferred(1, Set.of(IP_11), FIRST_ATTEMPT_AT, BOB),
                        new MessageDeletedEvent(ID, List.of(BOB), OPERATOR, DELETE_REASON, DELETED_AT))
                .when(new RecordBounceNotificationCommand(ID, MessageId.of("Q0000002-dsn"), DELETED_AT))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString(
                        "no delivery status notification is issued for a deleted message"));
    }
}
