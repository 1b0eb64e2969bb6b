package org.ledgermta.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.ledgermta.api.ChildJvm;
import org.ledgermta.domain.message.MessageDeliveredEvent;

/**
 * A retry is scheduled in the ledger, not only in memory: the service is killed with SIGKILL between a
 * deferral and its retry, and after a restart on the same data directory the retry still happens — from
 * the other egress IP.
 */
class RetrySurvivesKillTest {

    @Test
    void aRetryScheduledBeforeAKillDashNineHappensAfterTheRestart() throws Exception {
        TestMx mx = new TestMx((ip, rcpt, seenBefore) -> seenBefore == 0
                ? Optional.of("421 4.7.0 Try again later, closing connection.")
                : Optional.empty());
        Path dataDir = Files.createTempDirectory("retry-kill-");
        String account = "hosting-kill";
        // the retry is due 10 s after the deferral: long after the kill, and the restart must still honour it
        String[] properties = DeliveryFixture.properties(dataDir, mx, account, "mta.retry.intervals=10s")
                .toArray(String[]::new);
        Path childLog = Files.createTempFile("delivery-child", ".log");
        Process child = ChildJvm.start(DeliveryServiceProcess.class, Map.of(), childLog, properties);
        try (mx; BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            int smtpPort = -1;
            String line;
            while ((line = out.readLine()) != null && smtpPort < 0) {
                if (line.startsWith("smtp-port ")) {
                    smtpPort = Integer.parseInt(line.substring("smtp-port ".length()));
                }
            }
            assertThat(smtpPort).as("child started; its log: %s", childLog).isPositive();
            Submit.message(smtpPort, "shop@shop.example", "dave@receiver.example");
            while ((line = out.readLine()) != null && !line.equals("event DeliveryRetryScheduledEvent")) {
                // the deferral and its retry are committed when this line is printed
            }
            assertThat(line).as("the retry was scheduled; child log: %s", childLog)
                    .isEqualTo("event DeliveryRetryScheduledEvent");
            String firstIp = mx.offered.getFirst().clientIp();

            child.toHandle().destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(mx.received).as("nothing delivered before the kill").isEmpty();

            try (DeliveryFixture restarted = new DeliveryFixture(dataDir, mx,
                    "mta.retry.intervals=10s", "mta.accounts." + account + ".networks=127.0.0.1/32")) {
                TestMx.await("the retry after the restart", Duration.ofSeconds(60), () -> mx.received.size() == 1);
                assertThat(mx.received.getFirst().clientIp()).as("retried from the other IP").isNotEqualTo(firstIp);
                TestMx.await("the delivery in the ledger", Duration.ofSeconds(10),
                        () -> restarted.events(MessageDeliveredEvent.class).size() == 1);
            }
        } finally {
            child.destroyForcibly();
        }
    }
}
