package org.ledgermta.api.store;

import java.time.Duration;
import org.h2.mvstore.MVStore;

/**
 * Everything that writes the embedded store's file, run by the group-commit thread alone: the flush (commit,
 * then fsync) and, between flushes, the housekeeping H2's background thread would otherwise do.
 *
 * <p>H2's own background thread commits about once a second without an fsync and compacts concurrently with
 * our commits; with it, a chunk emptied by an unsynced version was kept for a retention time (45 s) in case
 * that version never reached the disk. At a relay's write rate that retention alone held gigabytes
 * ({@code DeepQueueReopensBenchmark}: 9.3 GB of file for 100,000 queued 10 KB messages). Here every version
 * is fsynced before the next one is written, so a chunk that no kept version uses can be overwritten at once
 * (retention 0; readers keep theirs through {@link VersionPinningH2Backend}), and the compaction — copying
 * the live pages out of the emptiest chunks so that they can be freed — runs between flushes instead of
 * against them. Writes nobody waited for (a view's, a tracking token's) are flushed within {@link #IDLE_FLUSH},
 * as H2's auto-commit did.
 */
final class StoreMaintenance {

    static final Duration IDLE_FLUSH = Duration.ofSeconds(1);
    /** Compaction starts when the chunks hold less live data than this share of their size. */
    static final int COMPACT_BELOW_FILL_RATE = 80;
    /** The most a round of compaction rewrites (H2's background thread allows about as much per round). */
    static final int COMPACT_WRITE_BYTES = 4 << 20;
    static final Duration COMPACTION_INTERVAL = Duration.ofMillis(250);

    private final MVStore mvStore;
    private long lastFlush = System.nanoTime();
    private long lastCompaction = System.nanoTime();

    StoreMaintenance(MVStore mvStore) {
        this.mvStore = mvStore;
    }

    void flush() {
        mvStore.commit();
        mvStore.sync();
        lastFlush = System.nanoTime();
    }

    void housekeeping() {
        long now = System.nanoTime();
        if (now - lastCompaction >= COMPACTION_INTERVAL.toNanos()) {
            lastCompaction = now;
            if (mvStore.compact(COMPACT_BELOW_FILL_RATE, COMPACT_WRITE_BYTES)) {
                flush();
                return;
            }
        }
        if (mvStore.hasUnsavedChanges() && now - lastFlush >= IDLE_FLUSH.toNanos()) {
            flush();
        }
    }
}
