package org.ledgermta.api.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledgermta.api.LedgerApplication;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.account.AccountCreatedEvent;
import org.ledgermta.domain.account.AccountNetworksChangedEvent;
import org.ledgermta.domain.account.AccountPasswordSetEvent;
import org.ledgermta.domain.account.Cidr;
import org.ledgermta.domain.limit.VolumeLimits;
import org.ledgermta.projections.account.AccountDirectory;
import org.ledgermta.projections.account.AccountView;
import org.springframework.context.ConfigurableApplicationContext;

class AccountsFromConfigurationTest {

    private static final String[] CONFIGURED = {
        "mta.smtp.listen=127.0.0.1:0",
        "mta.accounts.hosting.networks=203.0.113.0/24,2001:db8::/32",
        "mta.accounts.hosting.password=correct horse battery staple",
        "mta.accounts.hosting.limits.per-hour=5000",
        "mta.accounts.printer.networks=198.51.100.17",
    };

    @TempDir
    Path dataDir;

    @Test
    void configuredAccountsAreCreatedAndARestartWithTheSameConfigurationAppendsNothing() {
        try (ConfigurableApplicationContext first = LedgerApplication.start(dataDir, CONFIGURED)) {
            AccountDirectory directory = first.getBean(AccountDirectory.class);
            AccountView hosting = directory.find(new AccountId("hosting")).orElseThrow();
            assertThat(hosting.networks()).containsExactly(new Cidr("203.0.113.0/24"), new Cidr("2001:db8::/32"));
            assertThat(hosting.limits()).isEqualTo(new VolumeLimits(null, 5000L, null));
            assertThat(first.getBean(PasswordHasher.class)
                    .verify("correct horse battery staple", hosting.passwordHash())).isTrue();
            assertThat(directory.findByClientAddress("198.51.100.17")).map(view -> view.id().value())
                    .contains("printer");
            assertThat(directory.find(new AccountId("printer")).orElseThrow().passwordHash()).isNull();
            assertThat(eventTypes(first)).isEqualTo(Map.of(
                    "hosting", List.of(AccountCreatedEvent.class), "printer", List.of(AccountCreatedEvent.class)));
        }

        try (ConfigurableApplicationContext second = LedgerApplication.start(dataDir, CONFIGURED)) {
            assertThat(eventTypes(second)).isEqualTo(Map.of(
                    "hosting", List.of(AccountCreatedEvent.class), "printer", List.of(AccountCreatedEvent.class)));
        }
    }

    @Test
    void onlyWhatTheConfigurationChangedIsRecordedAndKeysLeftOutKeepTheirValues() {
        try (ConfigurableApplicationContext first = LedgerApplication.start(dataDir, CONFIGURED)) {
            assertThat(first.getBean(AccountDirectory.class).all()).hasSize(2);
        }

        try (ConfigurableApplicationContext second = LedgerApplication.start(dataDir,
                "mta.smtp.listen=127.0.0.1:0",
                "mta.accounts.hosting.networks=2001:db8::/32, 203.0.113.0/24, 192.0.2.0/24",
                "mta.accounts.hosting.password=a new passphrase",
                "mta.accounts.printer.networks=198.51.100.17/32")) {
            assertThat(eventTypes(second)).isEqualTo(Map.of(
                    "hosting", List.of(AccountCreatedEvent.class, AccountNetworksChangedEvent.class,
                            AccountPasswordSetEvent.class),
                    "printer", List.of(AccountCreatedEvent.class)));
            AccountView hosting = second.getBean(AccountDirectory.class).find(new AccountId("hosting")).orElseThrow();
            assertThat(hosting.limits()).as("limits left out of the configuration are kept")
                    .isEqualTo(new VolumeLimits(null, 5000L, null));
            assertThat(second.getBean(PasswordHasher.class).verify("a new passphrase", hosting.passwordHash()))
                    .isTrue();
        }
    }

    private static Map<String, List<Class<?>>> eventTypes(ConfigurableApplicationContext context) {
        EventStore events = context.getBean(EventStore.class);
        return context.getBean(AccountDirectory.class).all().stream().collect(Collectors.toMap(
                view -> view.id().value(),
                view -> events.readEvents(view.id().value()).asStream()
                        .<Class<?>>map(DomainEventMessage::getPayloadType).toList()));
    }
}
