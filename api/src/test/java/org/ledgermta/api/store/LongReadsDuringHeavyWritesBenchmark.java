package org.ledgermta.api.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link ChurnAndScan} at the bench's size and with H2's default retention, not a test: its name keeps it
 * out of surefire's default includes, so {@code verify} never runs it. Run it alone:
 * <pre>./mvnw -q -B -o -pl api -am verify -Dtest=LongReadsDuringHeavyWritesBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * Settings ({@code -Dname=value}, defaults in brackets): {@code churn.seconds} [240],
 * {@code churn.prefilled-events} [100000], {@code churn.writers} [2], {@code churn.view-writers} [2],
 * {@code churn.scanners} [1], {@code churn.body-bytes} [10000], {@code churn.retention-millis} [H2's
 * default, 45 s], {@code churn.data-dir} [a temporary directory, deleted after]. The figures go to stdout and
 * {@code api/target/churn-and-scan.txt}; the run fails if a scan or write failed or an acknowledged event
 * is missing after the store is reopened. With the defaults, before {@link VersionPinningH2Backend}: 1 of
 * 21 scans failed ({@code Chunk 157 not found}), store file 630 MB, 17,800 view writes; after it, in two
 * runs: 0 of 29 (832 MB, 38,600 view writes; the file stopped growing for the last 16,000) and 0 of 31
 * (707 MB, 31,300 view writes). The machine was shared, so the amount written differs between runs.
 */
@Tag("benchmark")
class LongReadsDuringHeavyWritesBenchmark {

    @Test
    void scansOfABigStoreWhileItChurns() throws Exception {
        String retention = System.getProperty("churn.retention-millis");
        ChurnAndScan.Settings settings = new ChurnAndScan.Settings(
                Integer.getInteger("churn.prefilled-events", 100_000),
                Integer.getInteger("churn.writers", 2),
                Integer.getInteger("churn.view-writers", 2),
                Integer.getInteger("churn.scanners", 1),
                Duration.ofSeconds(Integer.getInteger("churn.seconds", 240)),
                Integer.getInteger("churn.body-bytes", 10_000), 600, 50,
                retention == null ? null : Duration.ofMillis(Long.parseLong(retention)));
        String dir = System.getProperty("churn.data-dir");
        Path dataDir = dir != null ? Path.of(dir) : Files.createTempDirectory("churn-and-scan");
        ChurnAndScan.Outcome outcome = new ChurnAndScan(settings, dataDir).run();
        String report = settings + "\n" + outcome.summary() + "\n";
        System.out.print(report);
        Files.writeString(Path.of("target", "churn-and-scan.txt"), report);
        if (dir == null) {
            Files.deleteIfExists(dataDir.resolve(EmbeddedLedgerStore.FILE_NAME));
            Files.deleteIfExists(dataDir);
        }
        assertThat(outcome.failures()).as(outcome.summary()).isEmpty();
        assertThat(outcome.acknowledgedMissingAfterReopen()).as(outcome.summary()).isZero();
    }
}
