package org.ledgermta.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.message.DeliveryRetryScheduledEvent;
import org.ledgermta.domain.message.MessageDeletedEvent;
import org.ledgermta.domain.message.MessageHeldEvent;
import org.ledgermta.domain.message.MessageReleasedEvent;

class OperatorHoldsReleasesAndDeletesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aHeldMessageWaitsUntilReleasedAndADeletedOneIsNeverSent() throws Exception {
        TestMx mx = new TestMx((ip, rcpt, seenBefore) -> rcpt.startsWith("never@") || seenBefore == 0
                ? Optional.of("450 4.2.0 Mailbox busy, try again later")
                : Optional.empty());
        // a back-off long enough that only the operator can bring the retry forward
        try (mx; DeliveryFixture service = new DeliveryFixture(mx, "mta.retry.intervals=10m")) {
            String held = Submit.message(service.smtpPort(), "shop@shop.example", "erin@receiver.example");
            String hurried = Submit.message(service.smtpPort(), "shop@shop.example", "frank@receiver.example");
            String doomed = Submit.message(service.smtpPort(), "shop@shop.example", "never@receiver.example");
            TestMx.await("all three deferred and their retries scheduled", Duration.ofSeconds(20),
                    () -> service.events(DeliveryRetryScheduledEvent.class).size() == 3);

            assertThat(operator(service, "/api/v1/messages/" + held + "/hold", null).statusCode()).isEqualTo(401);
            assertThat(operator(service, "/api/v1/messages/" + held + "/hold", DeliveryFixture.OPERATOR_TOKEN)
                    .statusCode()).isEqualTo(200);
            HttpResponse<String> retryWhileHeld = operator(service, "/api/v1/messages/" + held + "/retry",
                    DeliveryFixture.OPERATOR_TOKEN);
            assertThat(retryWhileHeld.statusCode()).isEqualTo(409);
            assertThat(retryWhileHeld.body()).contains("release");

            // a release puts the message back in the active queue: it goes now, not after its back-off
            assertThat(operator(service, "/api/v1/messages/" + held + "/release", DeliveryFixture.OPERATOR_TOKEN)
                    .statusCode()).isEqualTo(200);
            TestMx.await("the released message delivered long before its back-off", Duration.ofSeconds(20),
                    () -> mx.receivedFor("erin@receiver.example").size() == 1);

            assertThat(operator(service, "/api/v1/messages/" + hurried + "/retry", DeliveryFixture.OPERATOR_TOKEN)
                    .statusCode()).isEqualTo(200);
            TestMx.await("the message retried now delivered", Duration.ofSeconds(20),
                    () -> mx.receivedFor("frank@receiver.example").size() == 1);

            assertThat(operator(service, "/api/v1/messages/" + doomed + "/delete", DeliveryFixture.OPERATOR_TOKEN)
                    .statusCode()).isEqualTo(200);
            assertThat(operator(service, "/api/v1/messages/" + doomed + "/retry", DeliveryFixture.OPERATOR_TOKEN)
                    .statusCode()).isEqualTo(409);

            assertThat(service.events(MessageHeldEvent.class)).hasSize(1);
            assertThat(service.events(MessageReleasedEvent.class)).hasSize(1);
            assertThat(service.events(MessageDeletedEvent.class)).singleElement().satisfies(deleted ->
                    assertThat(deleted.undeliveredRecipients()).extracting(r -> r.value())
                            .containsExactly("never@receiver.example"));
            assertThat(mx.seen("never@receiver.example")).isEqualTo(1);
            assertThat(mx.receivedFor("shop@shop.example")).as("a deleted message sends no DSN").isEmpty();
        }
    }

    private static HttpResponse<String> operator(DeliveryFixture service, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"by\": \"ops-anna\", \"note\": \"ticket 4711\"}"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
