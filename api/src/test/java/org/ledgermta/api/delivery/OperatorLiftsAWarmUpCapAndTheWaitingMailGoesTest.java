package org.ledgermta.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.egress.EgressIpWarmUpPlanChangedEvent;
import org.ledgermta.domain.message.DeliveryPostponedEvent;

/**
 * Mail waits behind the only IP's warm-up cap; the operator gives the IP another plan with the admin CLI, the
 * ledger records the change, and the waiting mail goes at once, not at midnight.
 */
class OperatorLiftsAWarmUpCapAndTheWaitingMailGoesTest {

    @Test
    void aNewPlanFromTheOperatorReleasesTheMailWaitingBehindTheOldCap() throws Exception {
        try (TestMx mx = TestMx.acceptingAll();
             DeliveryFixture service = new DeliveryFixture(mx,
                     "mta.egress.ips=127.0.0.13=out13.relay.test.example",
                     "mta.warm-up.plans.first-day=0d=2",
                     "mta.warm-up.ips=127.0.0.13=first-day")) {
            for (int i = 0; i < 4; i++) {
                Submit.message(service.smtpPort(), "shop@shop.example", "customer" + i + "@receiver.example");
            }
            TestMx.await("2 postponements", Duration.ofSeconds(30),
                    () -> service.events(DeliveryPostponedEvent.class).size() == 2);
            assertThat(mx.received).hasSize(2);
            assertThat(AdminCli.run(service, "egress-ip", "list")).contains("127.0.0.13\tACTIVE\t0d=2 from ");

            String changed = AdminCli.run(service, "egress-ip", "warm-up", "127.0.0.13", "0d=10,4d=unlimited");

            assertThat(changed).startsWith("127.0.0.13\t0d=10,4d=unlimited from ");
            TestMx.await("the 2 waiting messages", Duration.ofSeconds(30), () -> mx.received.size() == 4);
            assertThat(service.events(EgressIpWarmUpPlanChangedEvent.class)).singleElement().satisfies(event -> {
                assertThat(event.warmUpPlan()).isEqualTo("0d=10,4d=unlimited");
                assertThat(event.by()).isNotBlank();
            });
        }
    }
}
