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
import org.ledgermta.domain.message.MessageDeliveredEvent;

class EveryIpBlockedMessagesWaitTest {

    @Test
    void withEveryIpBlacklistedMessagesWaitAndNoneIsSentUntilAnIpIsReinstated() throws Exception {
        // Microsoft's block-list refusal, for whichever IP connects
        TestMx mx = new TestMx((ip, rcpt, seen) -> Optional.of("550 5.7.1 Unfortunately, messages from [" + ip
                + "] weren't sent. Please contact your Internet service provider since part of their network is on"
                + " our block list (S3140). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors."));
        try (mx; DeliveryFixture service = new DeliveryFixture(mx)) {
            Submit.message(service.smtpPort(), "shop@shop.example", "first@receiver.example");
            TestMx.await("both IPs blacklisted", Duration.ofSeconds(30),
                    () -> service.events(EgressIpBlacklistedEvent.class).size() == 2);
            assertThat(mx.offered).hasSize(2)
                    .extracting(TestMx.Rcpt::clientIp).containsExactlyInAnyOrder(DeliveryFixture.IP_11, DeliveryFixture.IP_12);

            Submit.message(service.smtpPort(), "shop@shop.example", "second@receiver.example");

            // reinstating .12 lets both waiting messages go; nothing was offered in between
            mx.script((ip, rcpt, seen) -> Optional.empty());
            HttpResponse<String> reinstated = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            "http://127.0.0.1:" + service.httpPort() + "/api/v1/egress-ips/127.0.0.12/reinstate"))
                    .header("Authorization", "Bearer " + DeliveryFixture.OPERATOR_TOKEN)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(reinstated.statusCode()).as(reinstated.body()).isEqualTo(200);

            TestMx.await("both delivered", Duration.ofSeconds(30), () -> mx.received.size() == 2);
            assertThat(mx.offered).as("two refusals, then one offer each once .12 was back").hasSize(4);
            assertThat(mx.received).allSatisfy(message -> assertThat(message.clientIp()).isEqualTo(DeliveryFixture.IP_12));
            TestMx.await("deliveries in the ledger", Duration.ofSeconds(10),
                    () -> service.events(MessageDeliveredEvent.class).size() == 2);
        }
    }
}
