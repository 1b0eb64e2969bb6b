package org.ledgermta.api.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledgermta.api.graphql.GraphQlService.ACME;
import static org.ledgermta.api.graphql.GraphQlService.ACME_TOKEN;
import static org.ledgermta.api.graphql.GraphQlService.GLOBEX;
import static org.ledgermta.api.graphql.GraphQlService.OPERATOR_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledgermta.domain.message.HoldMessageCommand;
import org.ledgermta.domain.message.MessageId;

class MessagesArePagedByCursorTest {

    private static final int MESSAGES = 120;
    private static final String PAGE = """
            query ($filter: MessageFilter, $first: Int, $after: String) {
              messages(filter: $filter, first: $first, after: $after) {
                totalCount
                edges { cursor node { id account sender state pending acceptedAt } }
                pageInfo { hasNextPage endCursor }
              }
            }""";

    @TempDir
    static Path dataDir;
    private static GraphQlService service;
    private static final List<String> accepted = new ArrayList<>();
    private static Instant start;

    /*
     * 120 messages a second apart: every third from globex, the others from acme; senders alternate between
     * two addresses; every fifth goes to a second domain too; every tenth is held.
     */
    @BeforeAll
    static void start() {
        service = GraphQlService.start(dataDir);
        start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
            List<String> recipients = i % 5 == 0
                    ? List.of("r" + i + "@receiver.example", "r" + i + "@other.example")
                    : List.of("r" + i + "@receiver.example");
            String id = service.accept(i % 3 == 0 ? GLOBEX : ACME, i % 2 == 0 ? "even@shop.example" : "odd@shop.example",
                    recipients, start.plusSeconds(i));
            accepted.add(id);
            if (i % 10 == 0) {
                service.commands().sendAndWait(new HoldMessageCommand(MessageId.of(id), "ops", "look at it",
                        Instant.now()));
            }
        }
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void theOperatorPagesThroughEveryMessageInAcceptanceOrder() throws Exception {
        List<String> seen = new ArrayList<>();
        List<Boolean> hasNext = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String after = null;
        do {
            JsonNode messages = page(OPERATOR_TOKEN, null, 50, after);
            assertThat(messages.path("totalCount").asInt()).isEqualTo(MESSAGES);
            JsonNode edges = messages.path("edges");
            sizes.add(edges.size());
            edges.forEach(edge -> seen.add(edge.path("node").path("id").asText()));
            hasNext.add(messages.path("pageInfo").path("hasNextPage").asBoolean());
            after = messages.path("pageInfo").path("endCursor").asText();
            assertThat(after).isEqualTo(edges.get(edges.size() - 1).path("cursor").asText());
        } while (hasNext.getLast());

        assertThat(sizes).containsExactly(50, 50, 20);
        assertThat(hasNext).containsExactly(true, true, false);
        assertThat(seen).containsExactlyElementsOf(accepted);
    }

    @Test
    void aPageAfterTheLastMessageIsEmpty() throws Exception {
        JsonNode last = page(OPERATOR_TOKEN, null, 1, Cursors.of(accepted.get(MESSAGES - 2)));
        assertThat(last.path("edges").get(0).path("node").path("id").asText()).isEqualTo(accepted.getLast());
        assertThat(last.path("pageInfo").path("hasNextPage").asBoolean()).isFalse();

        JsonNode beyond = page(OPERATOR_TOKEN, null, 50, last.path("pageInfo").path("endCursor").asText());
        assertThat(beyond.path("edges")).isEmpty();
        assertThat(beyond.path("pageInfo").path("hasNextPage").asBoolean()).isFalse();
        assertThat(beyond.path("pageInfo").path("endCursor").isNull()).isTrue();
    }

    @Test
    void anAccountPagesThroughItsOwnMessagesOnly() throws Exception {
        List<String> own = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            if (i % 3 != 0) {
                own.add(accepted.get(i));
            }
        }
        List<String> seen = new ArrayList<>();
        String after = null;
        boolean more = true;
        while (more) {
            JsonNode messages = page(ACME_TOKEN, Map.of("account", ACME), 30, after);
            assertThat(messages.path("totalCount").asInt()).isEqualTo(own.size());
            messages.path("edges").forEach(edge -> {
                assertThat(edge.path("node").path("account").asText()).isEqualTo(ACME);
                seen.add(edge.path("node").path("id").asText());
            });
            more = messages.path("pageInfo").path("hasNextPage").asBoolean();
            after = messages.path("pageInfo").path("endCursor").asText();
        }
        assertThat(seen).containsExactlyElementsOf(own);
    }

    @Test
    void filtersNarrowTheListAndEveryConditionMustHold() throws Exception {
        assertThat(count(Map.of("sender", "even@shop.example"))).isEqualTo(60);
        assertThat(count(Map.of("sender", "EVEN@Shop.Example"))).as("the domain is compared in lower case").isZero();
        assertThat(count(Map.of("sender", "even@SHOP.example"))).isEqualTo(60);
        assertThat(count(Map.of("recipient", "r7@receiver.example"))).isEqualTo(1);
        assertThat(count(Map.of("recipient", "r10@other.example"))).isEqualTo(1);
        assertThat(count(Map.of("state", "HELD"))).isEqualTo(12);
        assertThat(count(Map.of("state", List.of("QUEUED", "HELD")))).isEqualTo(MESSAGES);
        assertThat(count(Map.of("state", "DELIVERED"))).isZero();
        assertThat(count(Map.of("account", GLOBEX, "state", "HELD"))).as("i % 30 == 0").isEqualTo(4);
        assertThat(count(Map.of("account", GLOBEX, "sender", "odd@shop.example"))).as("i % 6 == 3").isEqualTo(20);

        Map<String, Object> range = new HashMap<>();
        range.put("acceptedFrom", start.plusSeconds(10).toString());
        range.put("acceptedBefore", start.plusSeconds(20).toString());
        JsonNode window = page(OPERATOR_TOKEN, range, 50, null);
        assertThat(window.path("edges").valueStream().map(edge -> edge.path("node").path("id").asText()).toList())
                .containsExactlyElementsOf(accepted.subList(10, 20));
        assertThat(count(Map.of("acceptedFrom", start.plusSeconds(115).atOffset(ZoneOffset.ofHours(2))
                .toString()))).as("an offset other than Z").isEqualTo(5);
    }

    @Test
    void badPagingArgumentsAreRefusedWithASentence() throws Exception {
        JsonNode badCursor = service.graphQl(OPERATOR_TOKEN, PAGE, "after", "not a cursor!");
        assertThat(badCursor.path("errors").get(0).path("message").asText())
                .startsWith("'not a cursor!' is not a cursor of this API");
        assertThat(badCursor.path("errors").get(0).path("extensions").path("classification").asText())
                .isEqualTo("BAD_REQUEST");

        JsonNode tooMany = service.graphQl(OPERATOR_TOKEN, PAGE, "first", 501);
        assertThat(tooMany.path("errors").get(0).path("message").asText()).startsWith("first is 501: ask for 0 to 500");

        JsonNode badAddress = service.graphQl(OPERATOR_TOKEN, PAGE, "filter", Map.of("recipient", "nobody"));
        assertThat(badAddress.path("errors").get(0).path("message").asText()).contains("'nobody'");

        JsonNode badTime = service.graphQl(OPERATOR_TOKEN, PAGE, "filter", Map.of("acceptedFrom", "yesterday"));
        assertThat(badTime.path("errors").get(0).path("message").asText()).contains("'yesterday' is not an ISO-8601");
    }

    @Test
    void theDefaultPageHoldsFifty() throws Exception {
        JsonNode data = service.data(OPERATOR_TOKEN, "{ messages { edges { cursor } pageInfo { hasNextPage } } }");
        assertThat(data.path("messages").path("edges")).hasSize(50);
        assertThat(data.path("messages").path("pageInfo").path("hasNextPage").asBoolean()).isTrue();
    }

    private static JsonNode page(String token, Map<String, Object> filter, int first, String after) throws Exception {
        return service.data(token, PAGE, "filter", filter, "first", first, "after", after).path("messages");
    }

    private static int count(Map<String, Object> filter) throws Exception {
        return page(OPERATOR_TOKEN, filter, 0, null).path("totalCount").asInt();
    }
}
