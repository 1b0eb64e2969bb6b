package org.ledgermta.commands.message;

import static org.hamcrest.Matchers.containsString;
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
import static org.ledgermta.commands.message.Messages.SPAMHAUS;
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
import static org.ledgermta.domain.message.RecipientOutcome.EGRESS_BLOCKED;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.CommandRefusedException;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.message.DeliveryDeferredEvent;
import org.ledgermta.domain.message.MessageExpiredEvent;
import org.ledgermta.domain.message.RecipientResult;
import org.ledgermta.domain.message.SmtpReply;

class OutboundMessageAttemptTest {

    private static final Instant SECOND_ATTEMPT_AT = FIRST_ATTEMPT_AT.plusSeconds(300);

    private FixtureConfiguration<OutboundMessage> fixture;

    @BeforeEach
    void createFixture() {
        fixture = new AggregateTestFixture<>(OutboundMessage.class);
    }

    @Test
    void recipientsDeliveredInOneAttemptAreRecordedTogether() {
        RecipientResult alice = result(ALICE, OK, DELIVERED);
        RecipientResult bob = result(BOB, OK, DELIVERED);
        fixture.given(accepted())
                .when(attempt(IP_11, FIRST_ATTEMPT_AT, alice, bob))
                .expectEvents(
                        attempted(1, IP_11, FIRST_ATTEMPT_AT, alice, bob),
                        delivered(1, IP_11, FIRST_ATTEMPT_AT, ALICE, BOB));
    }

    @Test
    void permanentlyFailedRecipientsAreBouncedWithTheFirstBounceReply() {
        RecipientResult alice = result(ALICE, NO_MAILBOX, BOUNCED);
        RecipientResult bob = result(BOB, new SmtpReply(552, "5.2.2", "Mailbox full"), BOUNCED);
        fixture.given(accepted())
                .when(attempt(IP_11, FIRST_ATTEMPT_AT, alice, bob))
                .expectEvents(
                        attempted(1, IP_11, FIRST_ATTEMPT_AT, alice, bob),
                        bounced(1, FIRST_ATTEMPT_AT, ALICE, BOB));
    }

    @Test
    void deferredRecipientsAreRecordedWithTheIpsTried() {
        RecipientResult alice = result(ALICE, GREYLISTED, DEFERRED);
        fixture.given(accepted(),
                        attempted(1, IP_11, FIRST_ATTEMPT_AT, alice),
                        deferred(1, Set.of(IP_11), FIRST_ATTEMPT_AT, ALICE))
                .when(attempt(IP_12, SECOND_ATTEMPT_AT, alice))
                .expectEvents(
                        attempted(2, IP_12, SECOND_ATTEMPT_AT, alice),
                        deferred(2, Set.of(IP_11, IP_12), SECOND_ATTEMPT_AT, ALICE));
    }

    @Test
    void egressBlockIsADeferralThatCarriesTheBlockReply() {
        RecipientResult alice = result(ALICE, GREYLISTED, DEFERRED);
        RecipientResult bob = result(BOB, SPAMHAUS, EGRESS_BLOCKED);
        fixture.given(accepted())
                .when(attempt(IP_11, FIRST_ATTEMPT_AT, alice, bob))
                .expectEvents(
                        attempted(1, IP_11, FIRST_ATTEMPT_AT, alice, bob),
                        new DeliveryDeferredEvent(ID, 1, List.of(ALICE, BOB), SPAMHAUS, true, Set.of(IP_11),
                                FIRST_ATTEMPT_AT, EXPIRES_AT));
    }

    @Test
    void mixedAttemptRecordsEachOutcomeInTheOrderDeliveredBouncedDeferred() {
        EmailAddress carol = new EmailAddress("carol@example.org");
        RecipientResult alice = result(ALICE, GREYLISTED, DEFERRED);
        RecipientResult bob = result(BOB, NO_MAILBOX, BOUNCED);
        RecipientResult carolDelivered = result(carol, OK, DELIVERED);
        fixture.given(accepted(List.of(ALICE, BOB, carol)))
                .when(attempt(IP_11, FIRST_ATTEMPT_AT, alice, bob, carolDelivered))
                .expectEvents(
                        attempted(1, IP_11, FIRST_ATTEMPT_AT, alice, bob, carolDelivered),
                        delivered(1, IP_11, FIRST_ATTEMPT_AT, carol),
                        bounced(1, FIRST_ATTEMPT_AT, BOB),
                        deferred(1, Set.of(IP_11), FIRST_ATTEMPT_AT, ALICE));
    }

    @Test
    void attemptNumbersCountEveryLegOfTheMessage() {
        RecipientResult alice = result(ALICE, OK, DELIVERED);
        RecipientResult bob = result(BOB, OK, DELIVERED);
        fixture.given(accepted(),
                        attempted(1, IP_11, FIRST_ATTEMPT_AT, alice),
                        delivered(1, IP_11, FIRST_ATTEMPT_AT, ALICE))
                .when(attempt(IP_12, SECOND_ATTEMPT_AT, bob))
                .expectEvents(
                        attempted(2, IP_12, SECOND_ATTEMPT_AT, bob),
                        delivered(2, IP_12, SECOND_ATTEMPT_AT, BOB));
    }

    @Test
    void attemptOnADeliveredMessageIsRefusedSayingWhen() {
        RecipientResult alice = result(ALICE, OK, DELIVERED);
        RecipientResult bob = result(BOB, OK, DELIVERED);
        fixture.given(accepted(),
                        attempted(1, IP_11, FIRST_ATTEMPT_AT, alice, bob),
                        delivered(1, IP_11, FIRST_ATTEMPT_AT, ALICE, BOB))
                .when(attempt(IP_12, SECOND_ATTEMPT_AT, alice))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString(
                        "was delivered to every recipient at " + FIRST_ATTEMPT_AT));
    }

    @Test
    void attemptOnABouncedMessageIsRefusedSayingWhen() {
        RecipientResult alice = result(ALICE, OK, DELIVERED);
        RecipientResult bob = result(BOB, NO_MAILBOX, BOUNCED);
        fixture.given(accepted(),
                        attempted(1, IP_11, FIRST_ATTEMPT_AT, alice, bob),
                        delivered(1, IP_11, FIRST_ATTEMPT_AT, ALICE),
                        bounced(1, FIRST_ATTEMPT_AT, BOB))
                .when(attempt(IP_12, SECOND_ATTEMPT_AT, alice))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString(
                        "bounced at " + FIRST_ATTEMPT_AT + " (1 of 2 recipients bounced)"));
    }

    @Test
    void attemptOnAnExpiredMessageIsRefusedSayingWhen() {
        fixture.given(accepted(), new MessageExpiredEvent(ID, List.of(ALICE, BOB), EXPIRES_AT, EXPIRES_AT))
                .when(attempt(IP_11, EXPIRES_AT.plusSeconds(1), result(ALICE, OK, DELIVERED)))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("expired at " + EXPIRES_AT));
    }

    @Test
    void resultForARecipientAlreadyDeliveredIsRefused() {
        RecipientResult alice = result(ALICE, OK, DELIVERED);
        fixture.given(accepted(),
                        attempted(1, IP_11, FIRST_ATTEMPT_AT, alice),
                        delivered(1, IP_11, FIRST_ATTEMPT_AT, ALICE))
                .when(attempt(IP_12, SECOND_ATTEMPT_AT, result(BOB, OK, DELIVERED), alice))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("alice@example.org: it was already delivered"));
    }

    @Test
    void resultForSomeoneWhoIsNotARecipientIsRefused() {
        fixture.given(accepted())
                .when(attempt(IP_11, FIRST_ATTEMPT_AT, result(new EmailAddress("mallory@example.com"), OK, DELIVERED)))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("mallory@example.com: it is not a recipient of it"));
    }
}
