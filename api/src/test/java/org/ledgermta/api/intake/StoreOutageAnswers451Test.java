package org.ledgermta.api.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledgermta.domain.message.MessageAcceptedEvent;

/**
 * With MONGODB_URI set the service uses that server; when it goes away, clients are told to come back
 * later, and what they were told about is all there is once it returns.
 */
class StoreOutageAnswers451Test {

    @TempDir
    Path dataDir;

    @Test
    void whileTheStoreIsDownTheReplyIs451AndNothingIsHalfStored() throws Exception {
        // a file-backed server, so that what it held before the outage is there after it
        String storeFile = dataDir.resolve("external-mongo.mv.db").toString();
        MongoServer mongo = new MongoServer(new H2Backend(storeFile));
        mongo.bind("127.0.0.1", 0);
        InetSocketAddress address = mongo.getLocalAddress();
        String uri = "mongodb://127.0.0.1:" + address.getPort() + "/ledgermta";
        try (IntakeFixture service = new IntakeFixture(dataDir.resolve("unused"), "mongodb.uri=" + uri, "mta.store-timeout=1s")) {
            SmtpTestClient.Reply before;
            SmtpTestClient.Reply during;
            try (SmtpTestClient client = service.connect(IntakeFixture.ALLOWED_CLIENT)) {
                client.command("EHLO web8.example");
                before = client.send("a@shop.example", List.of("b@receiver.example"), IntakeFixture.message("1", ""));
                mongo.shutdownNow();
                during = client.send("a@shop.example", List.of("c@receiver.example"), IntakeFixture.message("2", ""));
            }
            assertThat(before.code()).isEqualTo(250);
            assertThat(during.code()).as("reply %s", during).isEqualTo(451);
            assertThat(during.text()).startsWith("4.3.0 ");

            mongo = new MongoServer(new H2Backend(storeFile));
            mongo.bind("127.0.0.1", address.getPort());
            assertThat(service.events(MessageAcceptedEvent.class))
                    .singleElement()
                    .satisfies(accepted -> assertThat(accepted.recipients()).extracting(r -> r.value())
                            .containsExactly("b@receiver.example"));
            try (MongoClient client = MongoClients.create(uri)) {
                assertThat(client.getDatabase("ledgermta").getCollection("message_bodies").countDocuments())
                        .as("one body, one document: the refused message stored nothing").isEqualTo(1);
            }
        } finally {
            mongo.shutdownNow();
        }
    }
}
