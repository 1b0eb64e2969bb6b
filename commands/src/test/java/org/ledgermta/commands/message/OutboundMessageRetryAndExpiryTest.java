package org.ledgermta.commands.message;

import static org.hamcrest.Matchers.containsString;
import static org.ledgermta.commands.message.Messages.ALICE;
import static org.ledgermta.commands.message.Messages.BOB;
import static org.ledgermta.commands.message.Messages.EXPIRES_AT;
import static org.ledgermta.commands.message.Messages.FIRST_ATTEMPT_AT;
import static org.ledgermta.commands.message.Messages.GREYLISTED;
import static org.ledgermta.commands.message.Messages.ID;
import static org.ledgermta.commands.message.Messages.IP_11;
import static org.ledgermta.commands.message.Messages.OK;
import static org.ledgermta.commands.message.Messages.accepted;
import static org.ledgermta.commands.message.Messages.attempted;
import static org.ledgermta.commands.message.Messages.deferred;
import static org.ledgermta.commands.message.Messages.delivered;
import static org.ledgermta.commands.message.Messages.result;
import static org.ledgermta.domain.message.RecipientOutcome.DEFERRED;
import static org.ledgermta.domain.message.RecipientOutcome.DELIVERED;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.CommandRefusedException;
import org.ledgermta.domain.message.DeliveryRetryScheduledEvent;
import org.ledgermta.domain.message.ExpireMessageCommand;
import org.ledgermta.domain.message.MessageExpiredEvent;
import org.ledgermta.domain.message.ScheduleDeliveryRetryCommand;

class OutboundMessageRetryAndExpiryTest {

    private static final Instant DUE_AT = FIRST_ATTEMPT_AT.plusSeconds(300);

    private FixtureConfiguration<OutboundMessage> fixture;

    @BeforeEach
    void createFixture() {
        fixture = new AggregateTestFixture<>(OutboundMessage.class);
    }

    /** Alice delivered at the first attempt, Bob deferred by greylisting. */
    private static Object[] partlyDeferred() {
        return new Object[] {
                accepted(),
                attempted(1, IP_11, FIRST_ATTEMPT_AT, result(ALICE, OK, DELIVERED), result(BOB, GREYLISTED, DEFERRED)),
                delivered(1, IP_11, FIRST_ATTEMPT_AT, ALICE),
                deferred(1, Set.of(IP_11), FIRST_ATTEMPT_AT, BOB)};
    }

    @Test
    void deferredMessageIsScheduledForRetryExcludingTheIpsTried() {
        fixture.given(partlyDeferred())
                .when(new ScheduleDeliveryRetryCommand(ID, DUE_AT, Set.of(IP_11), FIRST_ATTEMPT_AT))
                .expectEvents(new DeliveryRetryScheduledEvent(ID, DUE_AT, Set.of(IP_11), FIRST_ATTEMPT_AT));
    }

    @Test
    void retryOfAMessageWithNoDeferralIsRefused() {
        fixture.given(accepted())
                .when(new ScheduleDeliveryRetryCommand(ID, DUE_AT, Set.of(), FIRST_ATTEMPT_AT))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("is QUEUED with no deferred recipient"));
    }

    @Test
    void retryOfADeliveredMessageIsRefused() {
        fixture.given(accepted(),
                        attempted(1, IP_11, FIRST_ATTEMPT_AT, result(ALICE, OK, DELIVERED), result(BOB, OK, DELIVERED)),
                        delivered(1, IP_11, FIRST_ATTEMPT_AT, ALICE, BOB))
                .when(new ScheduleDeliveryRetryCommand(ID, DUE_AT, Set.of(), FIRST_ATTEMPT_AT))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("no retry can be scheduled"));
    }

    @Test
    void retryDueNoLaterThanItsSchedulingIsRefused() {
        fixture.given(partlyDeferred())
                .when(new ScheduleDeliveryRetryCommand(ID, FIRST_ATTEMPT_AT, Set.of(), FIRST_ATTEMPT_AT))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("not after it was scheduled at " + FIRST_ATTEMPT_AT));
    }

    @Test
    void retryDueAfterExpiryIsRefusedInFavourOfExpiry() {
        fixture.given(partlyDeferred())
                .when(new ScheduleDeliveryRetryCommand(ID, EXPIRES_AT.plusSeconds(1), Set.of(), FIRST_ATTEMPT_AT))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("expire it instead"));
    }

    @Test
    void expiryListsOnlyTheRecipientsStillUndelivered() {
        fixture.given(partlyDeferred())
                .when(new ExpireMessageCommand(ID, EXPIRES_AT))
                .expectEvents(new MessageExpiredEvent(ID, List.of(BOB), EXPIRES_AT, EXPIRES_AT));
    }

    @Test
    void expiryBeforeTheMaximumQueueAgeIsRefused() {
        fixture.given(partlyDeferred())
                .when(new ExpireMessageCommand(ID, EXPIRES_AT.minusSeconds(1)))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("it may stay queued until " + EXPIRES_AT));
    }

    @Test
    void expiryOfAnExpiredMessageIsRefused() {
        fixture.given(accepted(), new MessageExpiredEvent(ID, List.of(ALICE, BOB), EXPIRES_AT, EXPIRES_AT))
                .when(new ExpireMessageCommand(ID, EXPIRES_AT.plusSeconds(60)))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("expired at " + EXPIRES_AT + "; it cannot expire"));
    }

    @Test
    void expiryOfADeliveredMessageIsRefused() {
        fixture.given(accepted(),
                        attempted(1, IP_11, FIRST_ATTEMPT_AT, result(ALICE, OK, DELIVERED), result(BOB, OK, DELIVERED)),
                        delivered(1, IP_11, FIRST_ATTEMPT_AT, ALICE, BOB))
                .when(new ExpireMessageCommand(ID, EXPIRES_AT))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("was delivered to every recipient"));
    }
}
