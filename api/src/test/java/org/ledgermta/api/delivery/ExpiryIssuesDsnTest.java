package org.ledgermta.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.message.MessageExpiredEvent;

class ExpiryIssuesDsnTest {

    @Test
    void aMessageDeferredUntilItsMaximumAgeExpiresAndTheSenderIsTold() throws Exception {
        TestMx mx = new TestMx((ip, rcpt, seen) -> rcpt.startsWith("slow@")
                ? Optional.of("452 4.2.2 Mailbox full, try again later")
                : Optional.empty());
        try (mx; DeliveryFixture service = new DeliveryFixture(mx,
                "mta.retry.intervals=1s", "mta.retry.max-age=4s")) {
            Submit.message(service.smtpPort(), "shop@shop.example", "slow@receiver.example");

            TestMx.await("the expiry DSN at the sender's MX", Duration.ofSeconds(40),
                    () -> !mx.receivedFor("shop@shop.example").isEmpty());

            assertThat(mx.seen("slow@receiver.example")).as("tried until it expired").isGreaterThanOrEqualTo(3);
            assertThat(mx.receivedFor("slow@receiver.example")).isEmpty();
            TestMx.Received dsn = mx.receivedFor("shop@shop.example").getFirst();
            assertThat(dsn.mailFrom()).isEmpty();
            assertThat(dsn.data()).contains("Final-Recipient: rfc822; slow@receiver.example")
                    .contains("Status: 4.4.7")
                    .contains("Mailbox full");
            assertThat(service.events(MessageExpiredEvent.class)).singleElement().satisfies(expired ->
                    assertThat(expired.undeliveredRecipients()).extracting(r -> r.value())
                            .containsExactly("slow@receiver.example"));
        }
    }
}
