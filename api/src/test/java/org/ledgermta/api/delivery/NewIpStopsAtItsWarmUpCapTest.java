package org.ledgermta.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.ledgermta.delivery.limit.RedisEgressCounters;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.message.DeliveryAttemptedEvent;
import org.ledgermta.domain.message.MessageDeliveredEvent;
import org.ledgermta.domain.provider.ProviderName;

class NewIpStopsAtItsWarmUpCapTest {

    static final String NEW_IP = "127.0.0.13";

    @Test
    void aNewIpSendsItsDailyCapAndTheRestGoesOutFromSeasonedIps() throws Exception {
        try (TestMx mx = TestMx.acceptingAll();
             DeliveryFixture service = new DeliveryFixture(mx,
                     "mta.egress.ips=127.0.0.11=out11.relay.test.example,127.0.0.12=out12.relay.test.example,"
                             + NEW_IP + "=out13.relay.test.example",
                     "mta.warm-up.plans.first-day=0d=5,1d=10",
                     "mta.warm-up.ips=" + NEW_IP + "=first-day")) {
            for (int i = 0; i < 40; i++) {
                Submit.message(service.smtpPort(), "shop@shop.example", "customer" + i + "@receiver.example");
            }

            TestMx.await("40 deliveries", Duration.ofSeconds(60), () -> mx.received.size() == 40);
            Map<String, Long> byIp = mx.received.stream()
                    .collect(Collectors.groupingBy(TestMx.Received::clientIp, Collectors.counting()));
            assertThat(byIp).as("the new IP stops at its cap of 5; the seasoned ones carry the rest")
                    .containsEntry(NEW_IP, 5L);
            assertThat(byIp.get(DeliveryFixture.IP_11) + byIp.get(DeliveryFixture.IP_12)).isEqualTo(35L);

            TestMx.await("40 deliveries in the ledger", Duration.ofSeconds(10),
                    () -> service.events(MessageDeliveredEvent.class).size() == 40);
            Map<String, Long> attemptsByIp = service.events(DeliveryAttemptedEvent.class).stream()
                    .peek(attempt -> assertThat(attempt.provider()).isEqualTo(ProviderName.DEFAULT))
                    .collect(Collectors.groupingBy(attempt -> attempt.egressIp().value(), Collectors.counting()));
            assertThat(attemptsByIp).containsEntry(NEW_IP, 5L);
            Map<RedisEgressCounters.IpAndProvider, Long> counted = service.context.getBean(RedisEgressCounters.class)
                    .sentOn(LocalDate.now(ZoneOffset.UTC));
            assertThat(counted).as("the shared counters agree with the ledger")
                    .containsEntry(new RedisEgressCounters.IpAndProvider(new EgressIpAddress(NEW_IP),
                            ProviderName.DEFAULT), 5L);
            assertThat(counted.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(40L);
        }
    }
}
