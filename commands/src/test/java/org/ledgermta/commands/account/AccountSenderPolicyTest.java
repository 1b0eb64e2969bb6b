package org.ledgermta.commands.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledgermta.commands.JacksonSnapshots.roundTrip;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.account.AccountCreatedEvent;
import org.ledgermta.domain.account.AccountSuspendedEvent;
import org.ledgermta.domain.account.Cidr;
import org.ledgermta.domain.limit.VolumeLimits;
import org.ledgermta.domain.sender.AccountSenderPolicyChangedEvent;
import org.ledgermta.domain.sender.ChangeAccountSenderPolicyCommand;
import org.ledgermta.domain.sender.SenderPolicy;

class AccountSenderPolicyTest {

    private static final AccountId ACME = new AccountId("acme");
    private static final Instant CREATED_AT = Instant.parse("2026-03-01T08:00:00Z");
    private static final Instant LATER = CREATED_AT.plusSeconds(3600);

    private static final AccountCreatedEvent CREATED = new AccountCreatedEvent(ACME,
            List.of(new Cidr("203.0.113.0/24")), null, VolumeLimits.UNLIMITED, CREATED_AT);
    private static final AccountSenderPolicyChangedEvent REFUSING =
            new AccountSenderPolicyChangedEvent(ACME, SenderPolicy.REFUSE, LATER);

    private FixtureConfiguration<Account> fixture;

    @BeforeEach
    void createFixture() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    @Test
    void newAccountAcceptsAndFlagsMailFromUnregisteredDomains() {
        fixture.given(CREATED)
                .when(new ChangeAccountSenderPolicyCommand(ACME, SenderPolicy.ACCEPT_AND_FLAG, LATER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectState(account -> assertThat(account.getSenderPolicy()).isEqualTo(SenderPolicy.ACCEPT_AND_FLAG));
    }

    @Test
    void policyIsChangedToRefuse() {
        fixture.given(CREATED)
                .when(new ChangeAccountSenderPolicyCommand(ACME, SenderPolicy.REFUSE, LATER))
                .expectEvents(REFUSING)
                .expectState(account -> assertThat(account.getSenderPolicy()).isEqualTo(SenderPolicy.REFUSE));
    }

    @Test
    void theSamePolicyRecordsNothing() {
        fixture.given(CREATED, REFUSING)
                .when(new ChangeAccountSenderPolicyCommand(ACME, SenderPolicy.REFUSE, LATER.plusSeconds(60)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void policyIsChangedBackToAcceptAndFlag() {
        fixture.given(CREATED, REFUSING)
                .when(new ChangeAccountSenderPolicyCommand(ACME, SenderPolicy.ACCEPT_AND_FLAG, LATER.plusSeconds(60)))
                .expectEvents(new AccountSenderPolicyChangedEvent(ACME, SenderPolicy.ACCEPT_AND_FLAG,
                        LATER.plusSeconds(60)));
    }

    @Test
    void suspendedAccountsPolicyMayStillChange() {
        fixture.given(CREATED, new AccountSuspendedEvent(ACME, "spam complaints", LATER))
                .when(new ChangeAccountSenderPolicyCommand(ACME, SenderPolicy.REFUSE, LATER))
                .expectEvents(REFUSING);
    }

    @Test
    void policyOfAnUnknownAccountFindsNothing() {
        fixture.givenNoPriorActivity()
                .when(new ChangeAccountSenderPolicyCommand(ACME, SenderPolicy.REFUSE, LATER))
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void policySurvivesASnapshot() {
        Account account = new Account();
        account.on(CREATED);
        account.on(REFUSING);

        assertThat(roundTrip(account).getSenderPolicy()).isEqualTo(SenderPolicy.REFUSE);
    }

    @Test
    void snapshotTakenBeforeThePolicyExistedRestoresAcceptAndFlag() throws Exception {
        JsonMapper mapper = JsonMapper.builder().addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
        Account account = new Account();
        account.on(CREATED);
        account.on(REFUSING);
        ObjectNode older = mapper.valueToTree(account);
        older.remove("senderPolicy");

        Account restored = mapper.treeToValue(older, Account.class);

        assertThat(restored.getSenderPolicy()).isEqualTo(SenderPolicy.ACCEPT_AND_FLAG);
        assertThat(restored.getAccount()).isEqualTo(ACME);
    }
}
