package org.ledgermta.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.ledgermta.delivery.limit.RedisEgressCounters;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.message.DeliveryAttemptedEvent;
import org.ledgermta.domain.provider.ProviderName;

/**
 * Redis loses the warm-up counters while mail is going out (a flush, a failover to an empty replica): the next
 * pick rebuilds today's counts from the ledger, plus what is in flight, and the new IP still never passes its cap.
 */
class CountersLostFromRedisAreRebuiltFromTheLedgerTest {

    static final String NEW_IP = "127.0.0.13";
    static final int CAP = 20;

    @Test
    void aNewIpsCapHoldsAcrossRedisLosingItsCounts() throws Exception {
        try (TestMx mx = TestMx.acceptingAll();
             DeliveryFixture service = new DeliveryFixture(mx,
                     "mta.egress.ips=127.0.0.11=out11.relay.test.example," + NEW_IP + "=out13.relay.test.example",
                     "mta.warm-up.plans.small=0d=" + CAP,
                     "mta.warm-up.ips=" + NEW_IP + "=small")) {
            RedisEgressCounters counters = service.context.getBean(RedisEgressCounters.class);
            @SuppressWarnings("unchecked")
            StatefulRedisConnection<String, String> redis = service.context.getBean(StatefulRedisConnection.class);
            CompletableFuture<Void> submitting = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 80; i++) {
                    try {
                        Submit.message(service.smtpPort(), "shop@shop.example", "customer" + i + "@receiver.example");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            TestMx.await("the first 15 deliveries", Duration.ofSeconds(30), () -> mx.received.size() >= 15);
            long deleted = deleteEveryKey(redis, counters.keyPrefix());
            assertThat(deleted).as("the counters were in Redis, and are gone").isPositive();

            submitting.get();
            TestMx.await("80 deliveries", Duration.ofSeconds(60), () -> mx.received.size() == 80);
            long fromNewIp = mx.received.stream().filter(received -> received.clientIp().equals(NEW_IP)).count();
            assertThat(fromNewIp).as("the cap, reached and not passed").isEqualTo(CAP);

            TestMx.await("80 attempts in the ledger", Duration.ofSeconds(10),
                    () -> service.events(DeliveryAttemptedEvent.class).size() == 80);
            assertThat(counters.sentOn(LocalDate.now(ZoneOffset.UTC)))
                    .as("rebuilt from the ledger, then counted on")
                    .containsEntry(new RedisEgressCounters.IpAndProvider(new EgressIpAddress(NEW_IP),
                            ProviderName.DEFAULT), (long) CAP)
                    .containsEntry(new RedisEgressCounters.IpAndProvider(new EgressIpAddress(DeliveryFixture.IP_11),
                            ProviderName.DEFAULT), 80L - CAP);
        }
    }

    /** What FLUSHDB would do to these counters, without touching what other tests keep in the same Redis. */
    static long deleteEveryKey(StatefulRedisConnection<String, String> redis, String prefix) {
        List<String> keys = redis.sync().scan(ScanArgs.Builder.matches(prefix + "*").limit(10_000)).getKeys();
        return keys.isEmpty() ? 0 : redis.sync().del(keys.toArray(String[]::new));
    }
}
