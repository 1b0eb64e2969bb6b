package org.ledgermta.api.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay over a 550 MB embedded store failed with H2's {@code Chunk N not found}: the full scans of the
 * event collection lost their chunks to the commits and compactions running meanwhile. Here the event
 * collection is scanned over and over while messages are accepted and delivered and views rewritten.
 * Before {@link VersionPinningH2Backend} one or two of the 70–210 scans failed this way in each of five runs.
 */
class LongReadsDuringHeavyWritesKeepTheStoreReadableTest {

    @TempDir
    Path dataDir;

    @Test
    void everyScanSucceedsAndEveryAcknowledgedEventIsThereAfterAReopen() throws Exception {
        // H2 frees an unused chunk once it was written longer ago than the retention time; the embedded store
        // now runs with 0 (StoreMaintenance), as a store that had run a minute was past H2's default 45 s.
        ChurnAndScan.Settings settings = new ChurnAndScan.Settings(15_000, 2, 2, 1, Duration.ofSeconds(30),
                10_000, 600, 50, Duration.ZERO);

        ChurnAndScan.Outcome outcome = new ChurnAndScan(settings, dataDir).run();

        assertThat(outcome.failures()).as(outcome.summary()).isEmpty();
        assertThat(outcome.scanFailures()).as(outcome.summary()).isZero();
        assertThat(outcome.writeFailures()).as(outcome.summary()).isZero();
        assertThat(outcome.acknowledgedMissingAfterReopen()).as(outcome.summary()).isZero();
        assertThat(outcome.eventsAfterReopen()).as(outcome.summary()).isEqualTo(outcome.eventsAcknowledged());
        // the race needs scans that overlap many commits
        assertThat(outcome.scans()).as(outcome.summary()).isGreaterThanOrEqualTo(5);
        assertThat(outcome.viewWrites()).as(outcome.summary()).isGreaterThanOrEqualTo(500);
    }
}
