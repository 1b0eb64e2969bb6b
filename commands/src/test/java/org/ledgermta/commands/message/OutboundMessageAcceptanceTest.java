package org.ledgermta.commands.message;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.ledgermta.commands.message.Messages.ACCEPTED_AT;
import static org.ledgermta.commands.message.Messages.accept;
import static org.ledgermta.commands.message.Messages.accepted;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.CommandRefusedException;
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
    void secondAcceptWithTheSameQueueIdIsRefused() {
        fixture.given(accepted())
                .when(accept())
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(allOf(
                        containsString("Q0000001-test was already accepted at " + ACCEPTED_AT),
                        containsString("accepted only once")));
    }
}
