package org.ledgermta.commands.message;

import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.DomainName;
import org.ledgermta.domain.message.DeliveryPostponedEvent;
import org.ledgermta.domain.message.PostponeDeliveryCommand;
import org.ledgermta.domain.provider.ProviderName;

/** Mail that waits for an egress IP free for its provider: one fact per reason, not one per look. */
class OutboundMessagePostponementTest {

    private static final ProviderName GMAIL = new ProviderName("gmail");
    private static final DomainName DOMAIN = new DomainName("gmail.example");
    private static final String CAPPED = "gmail: no egress IP may send now: 127.0.0.13 has sent today's warm-up cap";
    private static final Instant AT = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant MIDNIGHT = Instant.parse("2026-11-02T00:00:00Z");

    private FixtureConfiguration<OutboundMessage> fixture;

    @BeforeEach
    void createFixture() {
        fixture = new AggregateTestFixture<>(OutboundMessage.class);
    }

    @Test
    void theFirstPostponementIsRecordedAndTheSameReasonAgainIsNot() {
        var accepted = Messages.accepted();
        var postponed = new DeliveryPostponedEvent(accepted.messageId(), DOMAIN, GMAIL, CAPPED, MIDNIGHT, AT);
        fixture.given(accepted)
                .when(new PostponeDeliveryCommand(accepted.messageId(), DOMAIN, GMAIL, CAPPED, MIDNIGHT, AT))
                .expectEvents(postponed);
        fixture.given(accepted, postponed)
                .when(new PostponeDeliveryCommand(accepted.messageId(), DOMAIN, GMAIL, CAPPED, MIDNIGHT,
                        AT.plusSeconds(60)))
                .expectNoEvents();
        fixture.given(accepted, postponed)
                .when(new PostponeDeliveryCommand(accepted.messageId(), DOMAIN, GMAIL, "another reason", MIDNIGHT,
                        AT.plusSeconds(60)))
                .expectEvents(new DeliveryPostponedEvent(accepted.messageId(), DOMAIN, GMAIL, "another reason",
                        MIDNIGHT, AT.plusSeconds(60)));
    }
}
