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
