package org.ledgermta.api.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledgermta.api.ChildJvm;
import org.ledgermta.api.LedgerApplication;
import org.ledgermta.delivery.body.MessageBodyStore;
import org.ledgermta.domain.message.MessageBody;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The stand-in store commits to disk in the background about once a second; without the durability
 * barrier a kill -9 lost the last second of acknowledged writes. Every acknowledged accept must survive, and
 * the body stored before it.
 */
class AcknowledgedEventsSurviveKillTest {

    private static final int ACKS_BEFORE_KILL = 400;

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedAcceptSurvivesAKillDashNine() throws Exception {
        Path childLog = Files.createTempFile("acknowledging-writer", ".log");
        Process writer = ChildJvm.start(AcknowledgingWriter.class, Map.of(), childLog, dataDir.toString());
        Set<String> acknowledged = new HashSet<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            String line;
            while (acknowledged.size() < ACKS_BEFORE_KILL && (line = out.readLine()) != null) {
                if (line.startsWith("acked ")) {
                    acknowledged.add(line.substring("acked ".length()));
                }
                assertThat(System.nanoTime()).as("writer too slow; its log: %s", childLog).isLessThan(deadline);
            }
            // SIGKILL: no shutdown hook, no final commit of the store. Through the handle, because
            // Process.destroyForcibly() would also close the pipe we still want to drain.
            writer.toHandle().destroyForcibly();
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // acknowledgements already written to the pipe when the kill landed count too
            while ((line = out.readLine()) != null) {
                if (line.startsWith("acked ")) {
                    acknowledged.add(line.substring("acked ".length()));
                }
            }
        } finally {
            writer.destroyForcibly();
        }
        assertThat(acknowledged).as("child log: %s", childLog).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

        try (ConfigurableApplicationContext restarted = LedgerApplication.start(dataDir)) {
            MongoCollection<Document> events = restarted.getBean(LedgerStore.class).database()
                    .getCollection("domainevents");
            Set<String> stored = new HashSet<>();
            events.distinct("aggregateIdentifier", String.class).into(stored);
            assertThat(stored).containsAll(acknowledged);
            // and the body stored before each accept: the same group commit made it durable
            MessageBodyStore bodies = restarted.getBean(MessageBodyStore.class);
            for (String id : acknowledged) {
                byte[] body = AcknowledgingWriter.body(id);
                assertThat(bodies.load(new MessageBody(MessageBodyStore.sha256(body), body.length)))
                        .as("the body acknowledged with %s", id)
                        .hasValueSatisfying(loaded -> assertThat(loaded).isEqualTo(body));
            }
        }
    }
}
