package org.ledgermta.api.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoCollection;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledgermta.api.LedgerApplication;
import org.ledgermta.domain.CommandRefusedException;
import org.ledgermta.domain.egress.AddEgressIpCommand;
import org.ledgermta.domain.egress.BlacklistEgressIpCommand;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.egress.PoolName;
import org.ledgermta.domain.egress.ReinstateEgressIpCommand;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.SmtpReply;
import org.springframework.context.ConfigurableApplicationContext;

class SnapshotsAreStoredInTheLedgerTest {

    private static final EgressIpAddress IP = new EgressIpAddress("127.0.0.11");
    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void anAggregateWithManyEventsIsSnapshottedAndRestoredFromTheSnapshot() throws Exception {
        try (ConfigurableApplicationContext first = LedgerApplication.start(dataDir, "mta.snapshot-threshold=3")) {
            CommandGateway commands = first.getBean(CommandGateway.class);
            commands.sendAndWait(new AddEgressIpCommand(IP, new PoolName("shared"), "out1.mta.example", T0));
            for (int round = 1; round <= 3; round++) {
                commands.sendAndWait(blacklist(round));
                commands.sendAndWait(new ReinstateEgressIpCommand(IP, "operator", "delisted, round " + round,
                        T0.plusSeconds(round * 60L + 30)));
            }
            MongoCollection<Document> snapshots = first.getBean(LedgerStore.class).database()
                    .getCollection("snapshotevents");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (snapshots.countDocuments() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(snapshots.find(new Document("aggregateIdentifier", IP.value())).first())
                    .as("snapshot of %s", IP).isNotNull();
        }

        try (ConfigurableApplicationContext second = LedgerApplication.start(dataDir)) {
            CommandGateway commands = second.getBean(CommandGateway.class);
            // restored state: active again after the last reinstatement, so a reinstatement is refused ...
            assertThatThrownBy(() -> commands.sendAndWait(
                    new ReinstateEgressIpCommand(IP, "operator", "again", T0.plusSeconds(3600))))
                    .isInstanceOf(CommandRefusedException.class);
            // ... and a new block-listing is recorded
            commands.sendAndWait(blacklist(9));
        }
    }

    private static BlacklistEgressIpCommand blacklist(int round) {
        return new BlacklistEgressIpCommand(IP, MessageId.of("snapshot-%04d".formatted(round)), 1, "Spamhaus",
                new SmtpReply(550, "5.7.1", "Client host [127.0.0.11] blocked using zen.spamhaus.org"),
                T0.plusSeconds(round * 60L));
    }
}
