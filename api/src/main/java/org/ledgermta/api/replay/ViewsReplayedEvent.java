package org.ledgermta.api.replay;

/** Published (as a Spring application event) once the views have been rebuilt from the ledger. */
public record ViewsReplayedEvent(ReplayResult result) {
}
