package org.ledgermta.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.sender.MessageSignatureSkippedEvent;

/**
 * A message for a registered domain leaves with a DKIM-Signature that a verifier which is not ours
 * (python3-dkim) accepts with the key from the record we tell the customer to publish; a tampered copy
 * fails; after a rotation both the old and the new selector verify during the grace period.
 */
class SignedMailVerifiesIndependentlyTest {

    // a fixed test master key (32 bytes); production takes it from configuration
    private static final String MASTER_KEY = "7hjJfJ1cQpD2mQ3Zb6n3yWqK0r1s2t3u4v5w6x7y8z0=";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void signedAtIntakeVerifiedByPythonDkimTamperedFailsRotationKeepsTheOldSelector() throws Exception {
        try (TestMx mx = TestMx.acceptingAll();
             DeliveryFixture service = new DeliveryFixture(mx, "mta.dkim.master-key=" + MASTER_KEY)) {
            HttpResponse<String> registered = operator(service, "POST", "/api/v1/sender-domains",
                    "{\"domain\": \"shop.example\", \"account\": \"" + service.account + "\"}");
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
            assertThat(registered.body()).doesNotContain("encryptedPrivateKey").doesNotContain("PRIVATE");
            Map<String, String> published = dkimRecords(service);
            assertThat(published).hasSize(1);

            Submit.message(service.smtpPort(), "orders@shop.example", "alice@receiver.example");
            TestMx.await("the signed message", Duration.ofSeconds(20), () -> mx.received.size() == 1);
            byte[] signed = mx.received.getFirst().data().getBytes(StandardCharsets.UTF_8);
            assertThat(new String(signed, StandardCharsets.UTF_8)).contains("DKIM-Signature: v=1; a=rsa-sha256;")
                    .contains("d=shop.example");

            assertThat(IndependentDkimVerifier.verifies(signed, published)).isTrue();
            byte[] tampered = new String(signed, StandardCharsets.UTF_8).replace("Hello.", "Hello!")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(IndependentDkimVerifier.verifies(tampered, published)).isFalse();

            HttpResponse<String> rotated = operator(service, "POST", "/api/v1/sender-domains/shop.example/rotate", "");
            assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
            Map<String, String> duringGrace = dkimRecords(service);
            assertThat(duringGrace).hasSize(2).containsAllEntriesOf(published);
            assertThat(IndependentDkimVerifier.verifies(signed, duringGrace))
                    .as("mail signed before the rotation still verifies during the grace period").isTrue();

            Submit.message(service.smtpPort(), "orders@shop.example", "bob@receiver.example");
            TestMx.await("the message signed with the new key", Duration.ofSeconds(20), () -> mx.received.size() == 2);
            byte[] signedAfter = mx.received.get(1).data().getBytes(StandardCharsets.UTF_8);
            assertThat(IndependentDkimVerifier.verifies(signedAfter, duringGrace)).isTrue();
            assertThat(IndependentDkimVerifier.verifies(signedAfter, published))
                    .as("the new signature uses the new selector, not the old key").isFalse();

            // a From domain nobody registered: delivered unsigned and flagged
            Submit.message(service.smtpPort(), "news@other.example", "carol@receiver.example");
            TestMx.await("the unsigned message", Duration.ofSeconds(20), () -> mx.received.size() == 3);
            assertThat(mx.received.get(2).data()).doesNotContain("DKIM-Signature");
            assertThat(service.events(MessageSignatureSkippedEvent.class)).singleElement()
                    .satisfies(skipped -> assertThat(skipped.fromDomain()).isEqualTo("other.example"));
        }
    }

    private static Map<String, String> dkimRecords(DeliveryFixture service) throws Exception {
        HttpResponse<String> records = operator(service, "GET", "/api/v1/sender-domains/shop.example/records", null);
        assertThat(records.statusCode()).as(records.body()).isEqualTo(200);
        Map<String, String> dkim = new HashMap<>();
        for (JsonNode record : JSON.readTree(records.body())) {
            if (record.get("kind").asText().equals("DKIM")) {
                dkim.put(record.get("name").asText(), record.get("value").asText());
            }
        }
        return dkim;
    }

    static HttpResponse<String> operator(DeliveryFixture service, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + path))
                .header("Authorization", "Bearer " + DeliveryFixture.OPERATOR_TOKEN)
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
