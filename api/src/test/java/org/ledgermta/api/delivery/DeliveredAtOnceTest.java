package org.ledgermta.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.message.DeliveryAttemptedEvent;
import org.ledgermta.domain.message.MessageDeliveredEvent;

class DeliveredAtOnceTest {

    @Test
    void aMessageIsDeliveredFromOneOfThePoolsIpsAndRecordedAsDelivered() throws Exception {
        try (TestMx mx = TestMx.acceptingAll(); DeliveryFixture service = new DeliveryFixture(mx)) {
            String queueId = Submit.message(service.smtpPort(), "shop@shop.example",
                    "alice@receiver.example", "bob@receiver.example");

            TestMx.await("the message at the MX", Duration.ofSeconds(20), () -> mx.received.size() == 1);
            TestMx.await("the delivery in the ledger", Duration.ofSeconds(10),
                    () -> service.events(MessageDeliveredEvent.class).size() == 1);

            TestMx.Received received = mx.received.getFirst();
            assertThat(received.clientIp()).isIn(DeliveryFixture.IP_11, DeliveryFixture.IP_12);
            assertThat(received.mailFrom()).isEqualTo("shop@shop.example");
            assertThat(received.recipients()).containsExactly("alice@receiver.example", "bob@receiver.example");
            assertThat(received.data()).contains("id " + queueId).contains("Hello.");
            assertThat(mx.offered).allSatisfy(rcpt -> assertThat(rcpt.helo())
                    .isEqualTo(rcpt.clientIp().equals(DeliveryFixture.IP_11)
                            ? "out11.relay.test.example" : "out12.relay.test.example"));

            assertThat(service.events(DeliveryAttemptedEvent.class)).singleElement().satisfies(attempt -> {
                assertThat(attempt.messageId().value()).isEqualTo(queueId);
                assertThat(attempt.egressIp().value()).isEqualTo(received.clientIp());
                assertThat(attempt.mxAddress()).contains("127.0.0.1");
            });
            assertThat(service.events(MessageDeliveredEvent.class).getFirst().recipients()).hasSize(2);
        }
    }
}
