package org.ledgermta.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.egress.EgressIpBlacklistedEvent;
import org.ledgermta.domain.egress.EgressIpReinstatedEvent;

class BlockListedIpLeavesThePoolTest {

    private static long offeredFrom(TestMx mx, String ip) {
        return mx.offered.stream().filter(rcpt -> rcpt.clientIp().equals(ip)).count();
    }

    @Test
    void anIpRefusedForABlockListingIsNotUsedAgainUntilReinstated() throws Exception {
        // how Spamhaus-listed clients are refused by a Postfix MX with reject_rbl_client zen.spamhaus.org
        TestMx mx = new TestMx((ip, rcpt, seen) -> ip.equals(DeliveryFixture.IP_11)
                ? Optional.of("554 5.7.1 Service unavailable; Client host [127.0.0.11] blocked using zen.spamhaus.org;"
                        + " https://www.spamhaus.org/query/ip/127.0.0.11")
                : Optional.empty());
        try (mx; DeliveryFixture service = new DeliveryFixture(mx)) {
            // one message at a time until the random pick has tried .11 (it is refused there and retried)
            int sent = 0;
            while (service.events(EgressIpBlacklistedEvent.class).isEmpty() && sent < 30) {
                int expected = ++sent;
                Submit.message(service.smtpPort(), "shop@shop.example", "user" + sent + "@receiver.example");
                TestMx.await("message " + sent + " delivered", Duration.ofSeconds(20), () -> mx.received.size() == expected);
            }
            assertThat(service.events(EgressIpBlacklistedEvent.class)).singleElement().satisfies(blacklisted -> {
                assertThat(blacklisted.address().value()).isEqualTo(DeliveryFixture.IP_11);
                assertThat(blacklisted.blockList()).containsIgnoringCase("spamhaus");
            });
            long offeredFrom11 = offeredFrom(mx, DeliveryFixture.IP_11);

            // out of the pool: ten more messages all go from .12, none is even offered from .11
            for (int i = 0; i < 10; i++) {
                Submit.message(service.smtpPort(), "shop@shop.example", "later" + i + "@receiver.example");
            }
            int total = sent + 10;
            TestMx.await("ten more delivered", Duration.ofSeconds(30), () -> mx.received.size() == total);
            assertThat(mx.received).allSatisfy(message -> assertThat(message.clientIp()).isEqualTo(DeliveryFixture.IP_12));
            assertThat(offeredFrom(mx, DeliveryFixture.IP_11)).isEqualTo(offeredFrom11);

            // reinstated by the operator, .11 is back in the pool
            mx.script((ip, rcpt, seen) -> Optional.empty());
            HttpResponse<String> reinstated = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            "http://127.0.0.1:" + service.httpPort() + "/api/v1/egress-ips/127.0.0.11/reinstate"))
                    .header("Authorization", "Bearer " + DeliveryFixture.OPERATOR_TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"note\": \"delisted at spamhaus\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(reinstated.statusCode()).as(reinstated.body()).isEqualTo(200);
            assertThat(service.events(EgressIpReinstatedEvent.class)).hasSize(1);
            for (int i = 0; i < 12; i++) {
                Submit.message(service.smtpPort(), "shop@shop.example", "again" + i + "@receiver.example");
            }
            TestMx.await("the next twelve delivered", Duration.ofSeconds(30), () -> mx.received.size() == total + 12);
            // twelve random picks between two IPs all missing .11: one chance in 4096
            assertThat(mx.received.subList(total, total + 12)).anySatisfy(message ->
                    assertThat(message.clientIp()).isEqualTo(DeliveryFixture.IP_11));
        }
    }
}
