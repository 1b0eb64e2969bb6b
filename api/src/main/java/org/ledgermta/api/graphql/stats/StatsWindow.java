package org.ledgermta.api.graphql.stats;

import java.time.Duration;

/** The schema's {@code StatsWindow}: the rolling windows the statistics keep. */
enum StatsWindow {
    LAST_HOUR(Duration.ofHours(1)),
    LAST_DAY(Duration.ofHours(24));

    final Duration length;

    StatsWindow(Duration length) {
        this.length = length;
    }
}
