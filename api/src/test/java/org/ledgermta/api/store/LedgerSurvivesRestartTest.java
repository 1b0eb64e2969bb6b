package org.ledgermta.api.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.ledgermta.api.LedgerApplication;
import org.ledgermta.api.SampleCommands;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.message.DeliveryAttemptedEvent;
import org.ledgermta.domain.message.MessageAcceptedEvent;
import org.ledgermta.domain.message.MessageDeliveredEvent;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.RecipientOutcome;
import org.ledgermta.domain.message.RecipientResult;
import org.ledgermta.domain.message.RecordDeliveryAttemptCommand;
import org.ledgermta.domain.message.SmtpReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

class LedgerSurvivesRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void eventsWrittenBeforeAStopAreThereAfterARestart() {
        Instant acceptedAt = Instant.parse("2026-11-28T10:00:00Z");
        try (ConfigurableApplicationContext first = LedgerApplication.start(dataDir)) {
            first.getBean(CommandGateway.class).sendAndWait(SampleCommands.accept("restart-0001", acceptedAt));
        }

        try (ConfigurableApplicationContext second = LedgerApplication.start(dataDir)) {
            EventStore events = second.getBean(EventStore.class);
            List<? extends DomainEventMessage<?>> stored = events.readEvents("restart-0001").asStream().toList();
            assertThat(stored).singleElement()
                    .satisfies(e -> assertThat(e.getPayload()).isInstanceOfSatisfying(MessageAcceptedEvent.class,
                            accepted -> {
                                assertThat(accepted.messageId()).isEqualTo(MessageId.of("restart-0001"));
                                assertThat(accepted.recipients()).hasSize(2);
                                assertThat(accepted.acceptedAt()).isEqualTo(acceptedAt);
                            }));

            // The aggregate is rebuilt from the stored events and takes its next command.
            second.getBean(CommandGateway.class).sendAndWait(new RecordDeliveryAttemptCommand(
                    MessageId.of("restart-0001"), new EgressIpAddress("127.0.0.11"), "mx.receiver.example",
                    "127.0.0.1", false, Duration.ofMillis(40),
                    List.of(delivered("alice@receiver.example"), delivered("bob@receiver.example")),
                    acceptedAt.plusSeconds(1)));
            assertThat(events.readEvents("restart-0001").asStream()
                    .<Class<?>>map(DomainEventMessage::getPayloadType))
                    .containsExactly(MessageAcceptedEvent.class, DeliveryAttemptedEvent.class,
                            MessageDeliveredEvent.class);
        }
    }

    private static RecipientResult delivered(String recipient) {
        return new RecipientResult(new EmailAddress(recipient), new SmtpReply(250, "2.0.0", "Ok: queued"),
                RecipientOutcome.DELIVERED);
    }
}
