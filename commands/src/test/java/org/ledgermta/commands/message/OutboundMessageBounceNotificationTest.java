package org.ledgermta.commands.message;

import static org.hamcrest.Matchers.containsString;
import static org.ledgermta.commands.message.Messages.ALICE;
import static org.ledgermta.commands.message.Messages.BOB;
import static org.ledgermta.commands.message.Messages.EXPIRES_AT;
import static org.ledgermta.commands.message.Messages.FIRST_ATTEMPT_AT;
import static org.ledgermta.commands.message.Messages.ID;
import static org.ledgermta.commands.message.Messages.IP_11;
import static org.ledgermta.commands.message.Messages.NO_MAILBOX;
import static org.ledgermta.commands.message.Messages.accepted;
import static org.ledgermta.commands.message.Messages.attempted;
import static org.ledgermta.commands.message.Messages.bounced;
import static org.ledgermta.commands.message.Messages.result;
import static org.ledgermta.domain.message.RecipientOutcome.BOUNCED;

import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.CommandRefusedException;
import org.ledgermta.domain.ReversePath;
import org.ledgermta.domain.message.BounceNotificationIssuedEvent;
import org.ledgermta.domain.message.MessageExpiredEvent;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.RecordBounceNotificationCommand;

class OutboundMessageBounceNotificationTest {

    private static final MessageId DSN_ID = MessageId.of("Q0000002-dsn");
    private static final Instant ISSUED_AT = FIRST_ATTEMPT_AT.plusSeconds(1);

    private FixtureConfiguration<OutboundMessage> fixture;

    @BeforeEach
    void createFixture() {
        fixture = new AggregateTestFixture<>(OutboundMessage.class);
    }

    @Test
    void bouncedRecipientIsReportedToTheSender() {
        fixture.given(accepted(),
                        attempted(1, IP_11, FIRST_ATTEMPT_AT, result(ALICE, NO_MAILBOX, BOUNCED)),
                        bounced(1, FIRST_ATTEMPT_AT, ALICE))
                .when(new RecordBounceNotificationCommand(ID, DSN_ID, ISSUED_AT))
                .expectEvents(new BounceNotificationIssuedEvent(ID, DSN_ID, ISSUED_AT));
    }

    @Test
    void expiredMessageIsReportedToTheSender() {
        fixture.given(accepted(), new MessageExpiredEvent(ID, List.of(ALICE, BOB), EXPIRES_AT, EXPIRES_AT))
                .when(new RecordBounceNotificationCommand(ID, DSN_ID, EXPIRES_AT))
                .expectEvents(new BounceNotificationIssuedEvent(ID, DSN_ID, EXPIRES_AT));
    }

    @Test
    void noNotificationGoesToTheNullSender() {
        fixture.given(accepted(ReversePath.nullSender()),
                        new MessageExpiredEvent(ID, List.of(ALICE, BOB), EXPIRES_AT, EXPIRES_AT))
                .when(new RecordBounceNotificationCommand(ID, DSN_ID, EXPIRES_AT))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("has the null sender <>"));
    }

    @Test
    void onlyOneNotificationIsIssuedPerMessage() {
        fixture.given(accepted(),
                        new MessageExpiredEvent(ID, List.of(ALICE, BOB), EXPIRES_AT, EXPIRES_AT),
                        new BounceNotificationIssuedEvent(ID, DSN_ID, EXPIRES_AT))
                .when(new RecordBounceNotificationCommand(ID, MessageId.of("Q0000003-dsn"), EXPIRES_AT))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString(
                        "already had bounce notification Q0000002-dsn issued at " + EXPIRES_AT));
    }

    @Test
    void notificationWithoutAFailureIsRefused() {
        fixture.given(accepted())
                .when(new RecordBounceNotificationCommand(ID, DSN_ID, ISSUED_AT))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("has no bounced recipient and has not expired"));
    }
}
