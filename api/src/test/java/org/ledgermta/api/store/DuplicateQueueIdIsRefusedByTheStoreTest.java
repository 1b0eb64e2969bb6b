package org.ledgermta.api.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledgermta.api.LedgerApplication;
import org.ledgermta.api.SampleCommands;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The accept does not load the message first (that was a scan of the event store per accept); a queue id
 * is still accepted only once, because the store's unique (aggregate, sequence) index refuses the second.
 */
class DuplicateQueueIdIsRefusedByTheStoreTest {

    @TempDir
    Path dataDir;

    @Test
    void aSecondAcceptOfTheSameQueueIdFailsAndWritesNothing() {
        Instant at = Instant.parse("2026-11-28T10:00:00Z");
        try (ConfigurableApplicationContext service = LedgerApplication.start(dataDir)) {
            CommandGateway commands = service.getBean(CommandGateway.class);
            commands.sendAndWait(SampleCommands.accept("duplicate-0001", at));

            assertThatThrownBy(() -> commands.sendAndWait(SampleCommands.accept("duplicate-0001", at.plusSeconds(5))))
                    .isInstanceOf(RuntimeException.class);

            assertThat(service.getBean(EventStore.class).readEvents("duplicate-0001", 0L).asStream())
                    .singleElement()
                    .satisfies(event -> assertThat(event.getTimestamp()).isNotNull());
        }
    }
}
