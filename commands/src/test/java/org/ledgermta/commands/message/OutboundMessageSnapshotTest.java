package org.ledgermta.commands.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.ledgermta.commands.JacksonSnapshots.roundTrip;
import static org.ledgermta.commands.JacksonSnapshots.snapshot;
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
import static org.ledgermta.commands.message.Messages.attempt;
import static org.ledgermta.commands.message.Messages.accepted;
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
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.ledgermta.domain.CommandRefusedException;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.message.BounceNotificationIssuedEvent;
import org.ledgermta.domain.message.ExpireMessageCommand;
import org.ledgermta.domain.message.MessageDeletedEvent;
import org.ledgermta.domain.message.MessageExpiredEvent;
import org.ledgermta.domain.message.MessageHeldEvent;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.MessageReleasedEvent;
import org.ledgermta.domain.message.ReleaseMessageCommand;

class OutboundMessageSnapshotTest {

    private static final EmailAddress CAROL = new EmailAddress("carol@example.com");
    private static final EmailAddress DAVE = new EmailAddress("dave@example.com");
    private static final Instant HELD_AT = FIRST_ATTEMPT_AT.plusSeconds(600);

    /** Alice delivered, Bob bounced, Carol and Dave deferred twice from two IPs. */
    private static OutboundMessage partlyDeferred() {
        OutboundMessage message = new OutboundMessage();
        message.on(accepted(List.of(ALICE, BOB, CAROL, DAVE)));
        message.on(attempted(1, IP_11, FIRST_ATTEMPT_AT, result(ALICE, OK, DELIVERED), result(BOB, NO_MAILBOX, BOUNCED),
                result(CAROL, GREYLISTED, DEFERRED), result(DAVE, GREYLISTED, DEFERRED)));
        message.on(delivered(1, IP_11, FIRST_ATTEMPT_AT, ALICE));
        message.on(bounced(1, FIRST_ATTEMPT_AT, BOB));
        message.on(deferred(1, Set.of(IP_11), FIRST_ATTEMPT_AT, CAROL, DAVE));
        message.on(attempted(2, IP_12, FIRST_ATTEMPT_AT.plusSeconds(300), result(CAROL, GREYLISTED, DEFERRED),
                result(DAVE, GREYLISTED, DEFERRED)));
        message.on(deferred(2, Set.of(IP_11, IP_12), FIRST_ATTEMPT_AT.plusSeconds(300), CAROL, DAVE));
        return message;
    }

    @Test
    void snapshotRestoresEveryField() {
        OutboundMessage original = partlyDeferred();
        original.on(new MessageExpiredEvent(ID, List.of(CAROL, DAVE), EXPIRES_AT, EXPIRES_AT));
        original.on(new BounceNotificationIssuedEvent(ID, MessageId.of("Q0000002-dsn"), EXPIRES_AT));

        OutboundMessage restored = roundTrip(original);

        assertThat(restored).usingRecursiveComparison().isEqualTo(original);
        assertThat(restored.getPending()).containsExactly(CAROL, DAVE);
    }

    @Test
    void messageRestoredFromASnapshotExpiresWithItsUndeliveredRecipientsInOrder() {
        new AggregateTestFixture<>(OutboundMessage.class)
                .given(snapshot(roundTrip(partlyDeferred()), ID.value(), 6))
                .when(new ExpireMessageCommand(ID, EXPIRES_AT))
                .expectEvents(new MessageExpiredEvent(ID, List.of(CAROL, DAVE), EXPIRES_AT, EXPIRES_AT));
    }

    @Test
    void snapshotRestoresTheHold() {
        OutboundMessage original = partlyDeferred();
        original.on(new MessageHeldEvent(ID, "ops-anna", "compromised account", HELD_AT));

        OutboundMessage restored = roundTrip(original);

        assertThat(restored).usingRecursiveComparison().isEqualTo(original);
        assertThat(restored.getHeldBy()).isEqualTo("ops-anna");
        assertThat(restored.status()).isEqualTo(MessageStatus.HELD);
    }

    @Test
    void snapshotRestoresTheDeletion() {
        OutboundMessage original = partlyDeferred();
        original.on(new MessageHeldEvent(ID, "ops-anna", "compromised account", HELD_AT));
        original.on(new MessageDeletedEvent(ID, List.of(CAROL, DAVE), "ops-anna", "spam", HELD_AT.plusSeconds(60)));

        OutboundMessage restored = roundTrip(original);

        assertThat(restored).usingRecursiveComparison().isEqualTo(original);
        assertThat(restored.status()).isEqualTo(MessageStatus.DELETED);
    }

    @Test
    void heldMessageRestoredFromASnapshotRefusesAnAttemptAndIsReleased() {
        OutboundMessage message = partlyDeferred();
        message.on(new MessageHeldEvent(ID, "ops-anna", "compromised account", HELD_AT));
        new AggregateTestFixture<>(OutboundMessage.class)
                .given(snapshot(roundTrip(message), ID.value(), 7))
                .when(attempt(IP_11, HELD_AT.plusSeconds(1), result(CAROL, OK, DELIVERED)))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("is held by ops-anna since " + HELD_AT));
        new AggregateTestFixture<>(OutboundMessage.class)
                .given(snapshot(roundTrip(message), ID.value(), 7))
                .when(new ReleaseMessageCommand(ID, "ops-ben", HELD_AT.plusSeconds(60)))
                .expectEvents(new MessageReleasedEvent(ID, "ops-ben", HELD_AT.plusSeconds(60)));
    }
}
