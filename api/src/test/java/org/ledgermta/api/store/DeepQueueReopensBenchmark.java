package org.ledgermta.api.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link DeepQueue} at the bench's size (bench/reopen.sh without SMTP and Axon in front), not a test: its name
 * keeps it out of surefire's default includes. Run it alone:
 * <pre>./mvnw -q -B -o -pl api -am verify -Dtest=DeepQueueReopensBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * Settings ({@code -Dname=value}, defaults in brackets): {@code deep.messages} [100000], {@code deep.writers}
 * [20], {@code deep.body-bytes} [10000], {@code deep.data-dir} [a temporary directory, deleted after a pass].
 * The figures go to stdout and {@code api/target/deep-queue.txt}. With the defaults, on a quiet machine
 * (2026-11-29): H2's background thread and 45 s retention, 100,000 accepted in 125 s, file 9.3 GB (chunks
 * 20 % full); with {@link StoreMaintenance} 122 s, 4.0 GB (48 %); compacting 8 MB every 100 ms instead of
 * 4 MB every 250 ms, 194 s for 3.4 GB. Every run reopened with every body, event, queue entry and saga.
 */
@Tag("benchmark")
class DeepQueueReopensBenchmark {

    @Test
    void aDeepQueueReopensWhole() throws Exception {
        DeepQueue.Settings settings = new DeepQueue.Settings(Integer.getInteger("deep.messages", 100_000),
                Integer.getInteger("deep.writers", 20), Integer.getInteger("deep.body-bytes", 10_000));
        String dir = System.getProperty("deep.data-dir");
        Path dataDir = dir != null ? Path.of(dir) : Files.createTempDirectory("deep-queue");
        DeepQueue.Outcome outcome = new DeepQueue(settings, dataDir).run();
        String report = settings + "\n" + outcome.summary() + "\n";
        System.out.print(report);
        Files.writeString(Path.of("target", "deep-queue.txt"), report);
        assertThat(outcome.failures()).as(outcome.summary()).isEmpty();
        assertThat(outcome.bodies()).as(outcome.summary()).isEqualTo(outcome.accepted());
        assertThat(outcome.events()).as(outcome.summary()).isEqualTo(2 * outcome.accepted());
        assertThat(outcome.queued()).as(outcome.summary()).isEqualTo(outcome.accepted());
        assertThat(outcome.sagas()).as(outcome.summary()).isEqualTo(outcome.accepted());
        if (dir == null) {
            Files.deleteIfExists(dataDir.resolve(EmbeddedLedgerStore.FILE_NAME));
            Files.deleteIfExists(dataDir);
        }
    }
}
