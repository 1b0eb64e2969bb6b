package org.ledgermta.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.message.BounceNotificationIssuedEvent;
import org.ledgermta.domain.message.MessageBouncedEvent;
import org.ledgermta.domain.message.MessageDeliveredEvent;

class PermanentFailureBouncesWithDsnTest {

    @Test
    void anUnknownUserBouncesAndTheSendersMxReceivesADeliveryStatusNotification() throws Exception {
        // Postfix's reply for an unknown local recipient
        TestMx mx = new TestMx((ip, rcpt, seen) -> rcpt.startsWith("nobody@")
                ? Optional.of("550 5.1.1 <nobody@receiver.example>: Recipient address rejected: User unknown in"
                        + " virtual mailbox table")
                : Optional.empty());
        try (mx; DeliveryFixture service = new DeliveryFixture(mx)) {
            String queueId = Submit.message(service.smtpPort(), "shop@shop.example",
                    "alice@receiver.example", "nobody@receiver.example");

            TestMx.await("the DSN at the sender's MX", Duration.ofSeconds(30),
                    () -> !mx.receivedFor("shop@shop.example").isEmpty());

            assertThat(mx.receivedFor("alice@receiver.example")).hasSize(1);
            assertThat(mx.receivedFor("nobody@receiver.example")).isEmpty();
            TestMx.Received dsn = mx.receivedFor("shop@shop.example").getFirst();
            assertThat(dsn.mailFrom()).as("a DSN is sent from the null sender").isEmpty();
            assertThat(dsn.data())
                    .contains("multipart/report")
                    .contains("report-type=delivery-status")
                    .contains("Final-Recipient: rfc822; nobody@receiver.example")
                    .contains("Action: failed")
                    .contains("Status: 5.1.1")
                    .contains("User unknown")
                    .doesNotContain("Hello."); // the original body is not sent back, only its headers

            assertThat(service.events(MessageDeliveredEvent.class)).anySatisfy(delivered ->
                    assertThat(delivered.recipients()).extracting(r -> r.value()).containsExactly("alice@receiver.example"));
            assertThat(service.events(MessageBouncedEvent.class)).singleElement().satisfies(bounced ->
                    assertThat(bounced.recipients()).extracting(r -> r.value()).containsExactly("nobody@receiver.example"));
            TestMx.await("the DSN recorded", Duration.ofSeconds(10),
                    () -> !service.events(BounceNotificationIssuedEvent.class).isEmpty());
            assertThat(service.events(BounceNotificationIssuedEvent.class)).singleElement().satisfies(issued ->
                    assertThat(issued.messageId().value()).isEqualTo(queueId));
        }
    }
}
