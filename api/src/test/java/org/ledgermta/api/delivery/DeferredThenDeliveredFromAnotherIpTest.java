package org.ledgermta.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.message.DeliveryDeferredEvent;
import org.ledgermta.domain.message.DeliveryRetryScheduledEvent;
import org.ledgermta.domain.message.MessageDeliveredEvent;

class DeferredThenDeliveredFromAnotherIpTest {

    @Test
    void aGreylistedMessageIsRetriedFromADifferentEgressIp() throws Exception {
        // greylisting as Postfix's postgrey answers it: the first try of a recipient is deferred
        TestMx mx = new TestMx((ip, rcpt, seenBefore) -> seenBefore == 0
                ? Optional.of("451 4.7.1 Greylisted, see https://postgrey.schweikert.ch/help/receiver.example")
                : Optional.empty());
        try (mx; DeliveryFixture service = new DeliveryFixture(mx, "mta.retry.intervals=1s")) {
            Submit.message(service.smtpPort(), "shop@shop.example", "carol@receiver.example");

            TestMx.await("delivery after the retry", Duration.ofSeconds(30), () -> mx.received.size() == 1);

            assertThat(mx.offered).hasSize(2);
            String firstIp = mx.offered.get(0).clientIp();
            String retryIp = mx.offered.get(1).clientIp();
            assertThat(retryIp).as("the retry comes from the other IP").isNotEqualTo(firstIp);
            assertThat(mx.received.getFirst().clientIp()).isEqualTo(retryIp);

            TestMx.await("the delivery in the ledger", Duration.ofSeconds(10),
                    () -> !service.events(MessageDeliveredEvent.class).isEmpty());
            assertThat(service.events(DeliveryDeferredEvent.class)).singleElement()
                    .satisfies(deferred -> assertThat(deferred.ipsTried()).extracting(ip -> ip.value())
                            .containsExactly(firstIp));
            assertThat(service.events(DeliveryRetryScheduledEvent.class)).singleElement()
                    .satisfies(retry -> assertThat(retry.excludedIps()).extracting(ip -> ip.value())
                            .containsExactly(firstIp));
        }
    }
}
