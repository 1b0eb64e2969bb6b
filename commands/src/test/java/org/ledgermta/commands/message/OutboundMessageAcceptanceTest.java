package org.ledgermta.commands.message;

import static org.ledgermta.commands.message.Messages.ACCEPTED_AT;
import static org.ledgermta.commands.message.Messages.accept;
import static org.ledgermta.commands.message.Messages.accepted;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.ReversePath;
import org.ledgermta.domain.message.AcceptMessageCommand;
import org.ledgermta.domain.sender.MessageSignatureSkippedEvent;

class OutboundMessageAcceptanceTest {

    private FixtureConfiguration<OutboundMessage> fixture;

    @BeforeEach
    void createFixture() {
        fixture = new AggregateTestFixture<>(OutboundMessage.class);
    }

    @Test
    void acceptedMessageRecordsEveryEnvelopeFact() {
        fixture.givenNoPriorActivity()
                .when(accept())
                .expectSuccessfulHandlerExecution()
                .expectEvents(accepted());
    }

    @Test
    void unsignedMessageRecordsWhyInTheSameWriteAsItsAcceptance() {
        var command = accept();
        var unsigned = new AcceptMessageCommand(command.messageId(), command.account(), command.sender(),
                command.recipients(), command.body(), command.headerMessageId(), command.headerFrom(),
                command.clientIp(), command.route(), command.acceptedAt(), command.expiresAt(),
                new AcceptMessageCommand.SigningSkipped("other.example",
                        "From domain other.example is not a registered sender domain of account acme"));
        fixture.givenNoPriorActivity()
                .when(unsigned)
                .expectEvents(accepted(), new MessageSignatureSkippedEvent(command.messageId().value(),
                        command.account().value(), "other.example",
                        "From domain other.example is not a registered sender domain of account acme", ACCEPTED_AT));
    }

    @Test
    void messageFromTheNullSenderIsAccepted() {
        fixture.givenNoPriorActivity()
                .when(accept(ReversePath.nullSender()))
                .expectEvents(accepted(ReversePath.nullSender()));
    }

    @Test
    void secondAcceptWithTheSameQueueIdIsRefusedByTheEventStore() {
        // no load before the accept (see OutboundMessage): the store's sequence check refuses the duplicate
        fixture.given(accepted())
                .when(accept())
                .expectNoEvents()
                .expectException(EventStoreException.class);
    }
}
