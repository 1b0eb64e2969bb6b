package org.ledgermta.commands.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.ledgermta.commands.sender.DkimKeys.REGISTERED_AT;
import static org.ledgermta.commands.sender.DkimKeys.key;

import java.time.Duration;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.CommandRefusedException;
import org.ledgermta.domain.DomainName;
import org.ledgermta.domain.sender.DkimKey;
import org.ledgermta.domain.sender.DkimKeyGeneratedEvent;
import org.ledgermta.domain.sender.RegisterSenderDomainCommand;
import org.ledgermta.domain.sender.RotateDkimKeyCommand;
import org.ledgermta.domain.sender.SenderDomainRegisteredEvent;

class SenderDomainRegistrationTest {

    private static final DomainName SHOP = new DomainName("shop.example");
    private static final AccountId ACME = new AccountId("acme");
    private static final DkimKey FIRST = key("s2026-03", 0);

    private FixtureConfiguration<SenderDomain> fixture;

    @BeforeEach
    void createFixture() {
        fixture = new AggregateTestFixture<>(SenderDomain.class);
    }

    @Test
    void domainIsRegisteredWithItsFirstKeyWhichSignsAtOnce() {
        fixture.givenNoPriorActivity()
                .when(new RegisterSenderDomainCommand(SHOP, ACME, FIRST, REGISTERED_AT))
                .expectEvents(new SenderDomainRegisteredEvent(SHOP, ACME, REGISTERED_AT),
                        new DkimKeyGeneratedEvent(SHOP, FIRST))
                .expectState(domain -> {
                    assertThat(domain.getAccount()).isEqualTo(ACME);
                    assertThat(domain.activeKey()).contains(FIRST);
                    assertThat(domain.keysValidForVerification()).containsExactly(new PublishedDkimKey(FIRST, null));
                });
    }

    @Test
    void registeringADomainAgainIsRefusedNamingTheAccountThatOwnsIt() {
        fixture.given(new SenderDomainRegisteredEvent(SHOP, ACME, REGISTERED_AT),
                        new DkimKeyGeneratedEvent(SHOP, FIRST))
                .when(new RegisterSenderDomainCommand(new DomainName("SHOP.example."), new AccountId("globex"),
                        key("globex1", 0), REGISTERED_AT.plusSeconds(60)))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("Sender domain shop.example is already registered to account acme since "
                        + REGISTERED_AT + ".");
    }

    @Test
    void registeringADomainAgainForItsOwnAccountIsRefusedToo() {
        fixture.given(new SenderDomainRegisteredEvent(SHOP, ACME, REGISTERED_AT),
                        new DkimKeyGeneratedEvent(SHOP, FIRST))
                .when(new RegisterSenderDomainCommand(SHOP, ACME, key("s2026-09", 1), REGISTERED_AT.plusSeconds(60)))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("already registered to account acme"));
    }

    @Test
    void keyOfAnUnregisteredDomainCannotBeRotated() {
        fixture.givenNoPriorActivity()
                .when(new RotateDkimKeyCommand(SHOP, key("s2026-09", 1), Duration.ofDays(7), REGISTERED_AT))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }
}
