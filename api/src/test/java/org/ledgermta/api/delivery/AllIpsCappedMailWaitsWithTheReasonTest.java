package org.ledgermta.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.message.DeliveryPostponedEvent;
import org.ledgermta.projections.queue.QueueView;

/**
 * The pool's only IP is new and has sent its cap for today: the rest of the mail waits, deferred without an
 * attempt, and the queue view (and GraphQL) says why; the IP's warm-up shows its count against the cap.
 */
class AllIpsCappedMailWaitsWithTheReasonTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void whenEveryIpIsCappedTheMailWaitsAndSaysWhy() throws Exception {
        try (TestMx mx = TestMx.acceptingAll();
             DeliveryFixture service = new DeliveryFixture(mx,
                     "mta.egress.ips=127.0.0.13=out13.relay.test.example",
                     "mta.warm-up.plans.first-day=0d=3",
                     "mta.warm-up.ips=127.0.0.13=first-day")) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(Submit.message(service.smtpPort(), "shop@shop.example", "customer" + i + "@receiver.example"));
            }
            TestMx.await("3 deliveries", Duration.ofSeconds(30), () -> mx.received.size() == 3);
            TestMx.await("2 postponements", Duration.ofSeconds(30),
                    () -> service.events(DeliveryPostponedEvent.class).size() == 2);
            assertThat(service.events(DeliveryPostponedEvent.class)).allSatisfy(postponed -> {
                assertThat(postponed.reason()).isEqualTo("default: no egress IP may send now: 127.0.0.13 has sent"
                        + " today's warm-up cap of 3 to default (day 1 of its plan)");
                assertThat(postponed.retryAt().toString()).endsWith("T00:00:00Z");
            });
            QueueView queue = service.context.getBean(QueueView.class);
            assertThat(queue.waitingForDelivery()).hasSize(2).allSatisfy(entry ->
                    assertThat(entry.waitingReason()).contains("warm-up cap of 3"));

            String waiting = queue.waitingForDelivery().getFirst().messageId().value();
            String answer = graphQl(service, "{ message(id: \\\"" + waiting + "\\\") { state waitingReason }"
                    + " egressIp(address: \\\"127.0.0.13\\\") { warmUpStage warmUp { plan day today { provider sent cap } } } }");
            assertThat(answer).contains("\"waitingReason\":\"default: no egress IP may send now: 127.0.0.13 has sent")
                    .contains("\"warmUpStage\":\"day 1 of its warm-up plan: 3 a day to most providers\"")
                    .contains("\"plan\":\"0d=3\"")
                    .contains("{\"provider\":\"default\",\"sent\":3,\"cap\":3}");
            assertThat(mx.received).hasSize(3);
        }
    }

    static String graphQl(DeliveryFixture service, String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + "/graphql"))
                .header("Authorization", "Bearer " + DeliveryFixture.OPERATOR_TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"" + query + "\"}")).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }
}
