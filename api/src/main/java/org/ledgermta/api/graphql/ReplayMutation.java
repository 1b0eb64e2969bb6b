package org.ledgermta.api.graphql;

import java.util.List;
import java.util.Map;
import org.ledgermta.api.replay.Progress;
import org.ledgermta.api.replay.ReplayResult;
import org.ledgermta.api.replay.ReplayService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/** The operator's replay, as a mutation: the same ReplayService as POST /api/v1/replay and the CLI. */
@Controller
class ReplayMutation {

    private static final Logger log = LoggerFactory.getLogger(ReplayMutation.class);

    record CollectionCount(String collection, long count) {
    }

    record ReplayTotals(long events, double eventsPerSecond, double seconds, List<CollectionCount> documents,
                        long failedEvents, long recordedDuringReplay) {
    }

    private final ReplayService replay;

    ReplayMutation(ReplayService replay) {
        this.replay = replay;
    }

    @MutationMapping
    ReplayTotals replayViews(@ContextValue(name = Caller.ATTRIBUTE) Caller caller) {
        caller.requireOperator();
        ReplayResult result = replay.replay((Progress progress) -> log.info("replay: {} of {} events, {} events/s",
                progress.eventsDone(), progress.eventsTotal(), Math.round(progress.eventsPerSecond())));
        return new ReplayTotals(result.events(), result.eventsPerSecond(),
                (result.clearing().toNanos() + result.streaming().toNanos()) / 1e9,
                result.documents().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(entry -> new CollectionCount(entry.getKey(), entry.getValue())).toList(),
                result.failedEvents(), result.recordedDuringReplay());
    }
}
