package org.ledgermta.api.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledgermta.api.LedgerApplication;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.account.Cidr;
import org.ledgermta.domain.account.CreateAccountCommand;
import org.ledgermta.domain.account.MessageRejectedEvent;
import org.ledgermta.domain.account.RejectionReason;
import org.ledgermta.domain.account.ResumeAccountCommand;
import org.ledgermta.domain.account.SuspendAccountCommand;
import org.ledgermta.domain.limit.VolumeLimits;
import org.ledgermta.projections.account.AccountDirectory;
import org.springframework.context.ConfigurableApplicationContext;

class AccountDirectoryInTheLedgerTest {

    private static final AccountId ACME = new AccountId("acme");
    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void directoryAnswersAsSoonAsACommandReturnsAndSurvivesARestart() {
        try (ConfigurableApplicationContext first = LedgerApplication.start(dataDir, "mta.smtp.listen=127.0.0.1:0")) {
            CommandGateway commands = first.getBean(CommandGateway.class);
            AccountDirectory directory = first.getBean(AccountDirectory.class);
            assertThat(first.getBean(EventProcessingConfiguration.class)
                    .eventProcessor("account-directory", SubscribingEventProcessor.class)).isPresent();

            commands.sendAndWait(new CreateAccountCommand(ACME,
                    List.of(new Cidr("203.0.113.0/24"), new Cidr("203.0.113.128/25")), null,
                    new VolumeLimits(10L, null, null), T0));
            assertThat(directory.findByClientAddress("203.0.113.200")).map(view -> view.id())
                    .contains(ACME);

            commands.sendAndWait(new SuspendAccountCommand(ACME, "complaints", T0.plusSeconds(60)));
            assertThat(directory.findByClientAddress("203.0.113.200")).isEmpty();
        }

        try (ConfigurableApplicationContext second = LedgerApplication.start(dataDir, "mta.smtp.listen=127.0.0.1:0")) {
            AccountDirectory directory = second.getBean(AccountDirectory.class);
            assertThat(directory.find(ACME)).hasValueSatisfying(view -> {
                assertThat(view.suspended()).isTrue();
                assertThat(view.networks()).hasSize(2);
                assertThat(view.limits()).isEqualTo(new VolumeLimits(10L, null, null));
            });

            second.getBean(CommandGateway.class).sendAndWait(new ResumeAccountCommand(ACME, "", T0.plusSeconds(120)));
            assertThat(directory.findByClientAddress("203.0.113.9")).map(view -> view.id()).contains(ACME);
        }
    }

    @Test
    void intakeRefusalIsRecordedInTheLedger() throws Exception {
        MessageRejectedEvent rejected = new MessageRejectedEvent(null, "198.51.100.1", "news@shop.example",
                List.of("alice@example.org"), RejectionReason.RELAY_DENIED, "554 5.7.1 Relay access denied", T0);
        try (ConfigurableApplicationContext service = LedgerApplication.start(dataDir, "mta.smtp.listen=127.0.0.1:0")) {
            service.getBean(EventGateway.class).publish(rejected);

            List<Object> stored = new ArrayList<>();
            try (var stream = service.getBean(EventStore.class).openStream(null)) {
                while (stream.hasNextAvailable()) {
                    stored.add(stream.nextAvailable().getPayload());
                }
            }
            assertThat(stored).contains(rejected);
        }
    }
}
