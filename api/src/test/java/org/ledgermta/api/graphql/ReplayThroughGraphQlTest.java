package org.ledgermta.api.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayThroughGraphQlTest {

    private static final String REPLAY = "mutation { replayViews { events failedEvents documents { collection count } } }";

    @Test
    void theOperatorRebuildsTheViewsAndAnAccountMayNot() throws Exception {
        try (GraphQlService service = GraphQlService.start(Files.createTempDirectory("graphql-replay-"))) {
            String queueId = service.accept(GraphQlService.ACME, "news@acme.example", List.of("ann@receiver.example"),
                    Instant.parse("2026-11-28T10:00:00Z"));

            JsonNode totals = service.data(GraphQlService.OPERATOR_TOKEN, REPLAY).path("replayViews");
            assertThat(totals.path("events").asLong()).isPositive();
            assertThat(totals.path("failedEvents").asLong()).isZero();
            assertThat(totals.path("documents").findValuesAsText("collection")).contains("queue_view", "account_view");
            // the rebuilt queue view still answers for the message
            assertThat(service.data(GraphQlService.OPERATOR_TOKEN, "{ message(id: \"" + queueId + "\") { state } }")
                    .path("message").path("state").asText()).isEqualTo("QUEUED");

            JsonNode refused = service.graphQl(GraphQlService.ACME_TOKEN, REPLAY);
            assertThat(refused.path("errors").toString()).contains("operator only");
        }
    }
}
