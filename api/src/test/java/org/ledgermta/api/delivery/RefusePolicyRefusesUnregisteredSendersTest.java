package org.ledgermta.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ledgermta.api.intake.SmtpTestClient;
import org.ledgermta.domain.account.MessageRejectedEvent;
import org.ledgermta.domain.account.RejectionReason;
import org.ledgermta.domain.message.MessageAcceptedEvent;

class RefusePolicyRefusesUnregisteredSendersTest {

    @Test
    void anAccountWithTheRefusePolicyCannotSendFromADomainItHasNotRegistered() throws Exception {
        try (TestMx mx = TestMx.acceptingAll();
             DeliveryFixture service = new DeliveryFixture(mx, "mta.dkim.master-key=7hjJfJ1cQpD2mQ3Zb6n3yWqK0r1s2t3u4v5w6x7y8z0=")) {
            HttpResponse<String> policy = SignedMailVerifiesIndependentlyTest.operator(service, "PUT",
                    "/api/v1/accounts/" + service.account + "/sender-policy", "{\"policy\": \"REFUSE\"}");
            assertThat(policy.statusCode()).as(policy.body()).isEqualTo(200);

            SmtpTestClient.Reply reply;
            try (SmtpTestClient client = SmtpTestClient.connect(service.smtpPort(), "127.0.0.1")) {
                client.read();
                client.command("EHLO web1.hosting.example");
                reply = client.send("news@unregistered.example", List.of("dan@receiver.example"),
                        "From: news@unregistered.example\r\nSubject: x\r\n\r\nbody\r\n");
            }

            assertThat(reply.code()).as("reply %s", reply).isEqualTo(550);
            assertThat(reply.text()).startsWith("5.7.1 From domain unregistered.example is not registered");
            assertThat(service.events(MessageAcceptedEvent.class)).isEmpty();
            assertThat(service.events(MessageRejectedEvent.class)).singleElement()
                    .satisfies(rejected -> assertThat(rejected.reason()).isEqualTo(RejectionReason.POLICY));
        }
    }
}
