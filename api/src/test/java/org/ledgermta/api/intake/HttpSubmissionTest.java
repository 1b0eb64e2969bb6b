package org.ledgermta.api.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ledgermta.domain.IntakeRoute;
import org.ledgermta.domain.message.MessageAcceptedEvent;

class HttpSubmissionTest {

    @RegisterExtension
    static final IntakeFixture service = IntakeFixture.withProperties();
    static final HttpClient http = HttpClient.newHttpClient();

    @Test
    void rawAndJsonSubmissionsAreQueuedWithTheSameRulesAsSmtp() throws Exception {
        HttpResponse<String> raw = http.send(request("message/rfc822", basic(service.account, IntakeFixture.PASSWORD))
                .header("X-Envelope-From", "<api@shop.example>")
                .header("X-Envelope-To", "henry@receiver.example, ida@receiver.example")
                .POST(HttpRequest.BodyPublishers.ofString(IntakeFixture.message("raw", ""))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(raw.statusCode()).as(raw.body()).isEqualTo(202);
        assertThat(raw.body()).contains("\"queueId\"").contains("\"status\":\"queued\"");

        String json = """
                {"from": "api@shop.example", "to": ["jack@receiver.example"],
                 "message": "From: api@shop.example\\nTo: jack@receiver.example\\nSubject: json\\n\\nhello\\n"}""";
        HttpResponse<String> viaJson = http.send(request("application/json", basic(service.account, IntakeFixture.PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(viaJson.statusCode()).as(viaJson.body()).isEqualTo(202);

        assertThat(service.events(MessageAcceptedEvent.class)).hasSize(2)
                .allSatisfy(accepted -> assertThat(accepted.route()).isEqualTo(IntakeRoute.HTTP));
    }

    @Test
    void withoutValidCredentialsTheAnswerIs401AndNothingIsQueued() throws Exception {
        long before = service.events(MessageAcceptedEvent.class).size();
        HttpResponse<String> anonymous = http.send(request("message/rfc822", null)
                .header("X-Envelope-From", "a@shop.example").header("X-Envelope-To", "b@receiver.example")
                .POST(HttpRequest.BodyPublishers.ofString(IntakeFixture.message("x", ""))).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrongPassword = http.send(request("message/rfc822", basic(service.account, "guess"))
                .header("X-Envelope-From", "a@shop.example").header("X-Envelope-To", "b@receiver.example")
                .POST(HttpRequest.BodyPublishers.ofString(IntakeFixture.message("x", ""))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.body()).contains("\"error\"");
        assertThat(service.events(MessageAcceptedEvent.class)).hasSize((int) before);
    }

    @Test
    void aBadEnvelopeIsA400ThatSaysWhatToFix() throws Exception {
        HttpResponse<String> response = http.send(request("message/rfc822", basic(service.account, IntakeFixture.PASSWORD))
                .header("X-Envelope-From", "a@shop.example").header("X-Envelope-To", "not an address")
                .POST(HttpRequest.BodyPublishers.ofString(IntakeFixture.message("x", ""))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Bad envelope address");
    }

    private static HttpRequest.Builder request(String contentType, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + service.httpPort() + "/api/v1/messages"))
                .header("Content-Type", contentType);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
