package org.ledgermta.commands.retry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.message.DeliveryDeferredEvent;
import org.ledgermta.domain.message.ExpireMessageCommand;
import org.ledgermta.domain.message.MessageBouncedEvent;
import org.ledgermta.domain.message.MessageDeliveredEvent;
import org.ledgermta.domain.message.MessageExpiredEvent;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.ScheduleDeliveryRetryCommand;
import org.ledgermta.domain.message.SmtpReply;
import org.ledgermta.domain.retry.RetrySchedule;

class DeliveryRetrySagaTest {

    private static final MessageId ID = MessageId.of("MIJ3V5K2A-RETRY001");
    private static final EmailAddress ALICE = new EmailAddress("alice@gmail.example");
    private static final EmailAddress BOB = new EmailAddress("bob@outlook.example");
    private static final EgressIpAddress IP_11 = new EgressIpAddress("127.0.0.11");
    private static final EgressIpAddress IP_12 = new EgressIpAddress("127.0.0.12");
    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final Instant EXPIRES = T0.plus(Duration.ofDays(5));
    private static final SmtpReply GREYLISTED = new SmtpReply(451, "4.7.1", "Greylisted, try again later");
    private static final SmtpReply SPAMHAUS = new SmtpReply(550, "5.7.1",
            "Client host [127.0.0.11] blocked using zen.spamhaus.org");

    private SagaTestFixture<DeliveryRetrySaga> fixture;

    @BeforeEach
    void fixture() {
        fixture = new SagaTestFixture<>(DeliveryRetrySaga.class);
        fixture.registerResource(new RetryPlan(RetrySchedule.standard(), Duration.ofSeconds(1)));
    }

    private static DeliveryDeferredEvent deferred(int attempt, Instant at, boolean blocked, EmailAddress recipient,
                                                  Set<EgressIpAddress> tried, Instant expires) {
        return new DeliveryDeferredEvent(ID, attempt, List.of(recipient), blocked ? SPAMHAUS : GREYLISTED, blocked,
                tried, at, expires);
    }

    @Test
    void theFirstDeferralSchedulesARetryAfterTheFirstIntervalExcludingTheIpTried() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(deferred(1, T0, false, ALICE, Set.of(IP_11), EXPIRES))
                .expectActiveSagas(1)
                .expectDispatchedCommands(new ScheduleDeliveryRetryCommand(ID, T0.plus(Duration.ofMinutes(5)),
                        Set.of(IP_11), T0));
    }

    @Test
    void aSecondDomainDeferredInTheSameAttemptDoesNotScheduleAnotherRound() {
        fixture.givenAPublished(deferred(1, T0, false, ALICE, Set.of(IP_11), EXPIRES))
                .whenPublishingA(deferred(2, T0.plusMillis(300), false, BOB, Set.of(IP_11), EXPIRES))
                .expectNoDispatchedCommands();
    }

    @Test
    void eachRoundWaitsLongerThanTheOneBefore() {
        Instant secondAttempt = T0.plus(Duration.ofMinutes(5));
        fixture.givenAPublished(deferred(1, T0, false, ALICE, Set.of(IP_11), EXPIRES))
                .whenPublishingA(deferred(2, secondAttempt, false, ALICE, Set.of(IP_11, IP_12), EXPIRES))
                .expectDispatchedCommands(new ScheduleDeliveryRetryCommand(ID,
                        secondAttempt.plus(Duration.ofMinutes(10)), Set.of(IP_11, IP_12), secondAttempt));
    }

    @Test
    void aBlockListedIpBringsTheRetryForwardToSecondsAway() {
        fixture.givenAPublished(deferred(1, T0, false, ALICE, Set.of(IP_12), EXPIRES))
                .whenPublishingA(deferred(2, T0.plusSeconds(2), true, BOB, Set.of(IP_11, IP_12), EXPIRES))
                .expectDispatchedCommands(new ScheduleDeliveryRetryCommand(ID, T0.plusSeconds(3),
                        Set.of(IP_11, IP_12), T0.plusSeconds(2)));
    }

    @Test
    void theLastRetryIsMadeAtTheExpiryInstant() {
        Instant nearlyExpired = EXPIRES.minus(Duration.ofMinutes(2));
        fixture.givenNoPriorActivity()
                .whenPublishingA(deferred(9, nearlyExpired, false, ALICE, Set.of(IP_11), EXPIRES))
                .expectDispatchedCommands(new ScheduleDeliveryRetryCommand(ID, EXPIRES, Set.of(IP_11), nearlyExpired));
    }

    @Test
    void aDeferralAtOrAfterExpiryExpiresTheMessage() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(deferred(12, EXPIRES, false, ALICE, Set.of(IP_11), EXPIRES))
                .expectDispatchedCommands(new ExpireMessageCommand(ID, EXPIRES));
    }

    @Test
    void theSagaEndsWhenEveryDeferredRecipientIsSettled() {
        fixture.givenAPublished(deferred(1, T0, false, ALICE, Set.of(IP_11), EXPIRES))
                .andThenAPublished(deferred(1, T0, false, BOB, Set.of(IP_11), EXPIRES))
                .andThenAPublished(new MessageDeliveredEvent(ID, 2, List.of(ALICE), IP_12, "mx.gmail.example",
                        new SmtpReply(250, "2.0.0", "OK"), T0.plusSeconds(300)))
                .whenPublishingA(new MessageBouncedEvent(ID, 3, List.of(BOB), new SmtpReply(550, "5.1.1", "No such user"),
                        T0.plusSeconds(301)))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    @Test
    void theSagaEndsWhenTheMessageExpires() {
        fixture.givenAPublished(deferred(1, T0, false, ALICE, Set.of(IP_11), EXPIRES))
                .whenPublishingA(new MessageExpiredEvent(ID, List.of(ALICE), EXPIRES, EXPIRES))
                .expectActiveSagas(0);
    }

    @Test
    void aMessageDeliveredAtOnceNeverStartsASaga() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(new MessageDeliveredEvent(ID, 1, List.of(ALICE), IP_11, "mx.gmail.example",
                        new SmtpReply(250, "2.0.0", "OK"), T0))
                .expectActiveSagas(0);
    }
}
