package org.ledgermta.api.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledgermta.api.graphql.GraphQlService.ACME;
import static org.ledgermta.api.graphql.GraphQlService.OPERATOR_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.egress.BlacklistEgressIpCommand;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.RecipientOutcome;
import org.ledgermta.domain.message.RecipientResult;
import org.ledgermta.domain.message.RecordDeliveryAttemptCommand;
import org.ledgermta.domain.message.SmtpReply;
import org.ledgermta.projections.egress.EgressIpView;
import org.ledgermta.projections.egress.EgressPool;
import org.ledgermta.projections.queue.QueueEntry;
import org.ledgermta.projections.queue.QueueView;

class OperatorActsThroughMutationsTest {

    private static final String BLOCKED_IP = "127.0.0.41";
    private static final String OTHER_IP = "127.0.0.42";
    private static final String MESSAGE = """
            query ($id: ID!) {
              message(id: $id) {
                id account sender state pending bounced { recipient } attemptCount ipsTried nextAttemptAt lastReply
                intake { recipients headerMessageId clientIp route }
                attempts { number egressIp mxHost mxAddress tls durationMillis
                           results { recipient outcome reply { code enhancedCode text line } } }
                events { sequence type at payload }
              }
            }""";

    @TempDir
    static Path dataDir;
    private static GraphQlService service;

    @BeforeAll
    static void start() {
        service = GraphQlService.start(dataDir, "mta.egress.ips=" + BLOCKED_IP + "," + OTHER_IP);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void holdThenReleaseThroughMutationsChangesTheQueueView() throws Exception {
        String id = service.accept(ACME, "news@acme.example", List.of("ann@receiver.example"), Instant.now());

        JsonNode held = service.data(OPERATOR_TOKEN, """
                mutation ($id: ID!) { holdMessage(id: $id, by: "ops-anna", note: "ticket 4711") { id state } }""",
                "id", id).path("holdMessage");
        assertThat(held.path("state").asText()).isEqualTo("HELD");
        assertThat(queueState(id)).isEqualTo(QueueEntry.State.HELD);
        assertThat(service.data(OPERATOR_TOKEN, MESSAGE, "id", id).path("message").path("state").asText())
                .isEqualTo("HELD");

        JsonNode retryWhileHeld = service.graphQl(OPERATOR_TOKEN,
                "mutation ($id: ID!) { retryMessage(id: $id) { state } }", "id", id);
        assertThat(retryWhileHeld.path("errors").get(0).path("message").asText()).endsWith("release it first.");
        assertThat(retryWhileHeld.path("errors").get(0).path("extensions").path("classification").asText())
                .isEqualTo("BAD_REQUEST");

        JsonNode released = service.data(OPERATOR_TOKEN,
                "mutation ($id: ID!) { releaseMessage(id: $id, by: \"ops-anna\") { state nextAttemptAt } }",
                "id", id).path("releaseMessage");
        assertThat(released.path("state").asText()).isEqualTo("QUEUED");
        assertThat(queueState(id)).isEqualTo(QueueEntry.State.QUEUED);

        JsonNode events = service.data(OPERATOR_TOKEN, MESSAGE, "id", id).path("message").path("events");
        assertThat(events.valueStream().map(event -> event.path("type").asText()).toList())
                .containsExactly("MessageAcceptedEvent", "MessageHeldEvent", "MessageReleasedEvent");
        assertThat(events.get(1).path("payload").path("by").asText()).isEqualTo("ops-anna");
        assertThat(events.get(1).path("payload").path("reason").asText()).isEqualTo("ticket 4711");
    }

    @Test
    void deleteDropsTheUndeliveredRecipients() throws Exception {
        String id = service.accept(ACME, "news@acme.example", List.of("ann@receiver.example", "bob@receiver.example"),
                Instant.now());

        JsonNode deleted = service.data(OPERATOR_TOKEN,
                "mutation ($id: ID!) { deleteMessage(id: $id, note: \"spam run\") { state pending } }", "id", id)
                .path("deleteMessage");

        assertThat(deleted.path("state").asText()).isEqualTo("DELETED");
        assertThat(deleted.path("pending")).isEmpty();
        assertThat(queueState(id)).isEqualTo(QueueEntry.State.DELETED);
        JsonNode again = service.graphQl(OPERATOR_TOKEN, "mutation ($id: ID!) { holdMessage(id: $id) { state } }",
                "id", id);
        assertThat(again.path("errors").get(0).path("message").asText()).contains("was deleted by operator");
    }

    @Test
    void aMessageShowsItsAttemptsAndARetryBringsItForward() throws Exception {
        Instant acceptedAt = Instant.now();
        String id = service.accept(ACME, "news@acme.example", List.of("ann@receiver.example", "bob@receiver.example"),
                acceptedAt);
        service.commands().sendAndWait(new RecordDeliveryAttemptCommand(MessageId.of(id),
                new EgressIpAddress(OTHER_IP), "mx.receiver.example", "192.0.2.25", true, Duration.ofMillis(420),
                List.of(new RecipientResult(new EmailAddress("ann@receiver.example"),
                                new SmtpReply(250, "2.0.0", "Ok: queued as 4Xk2"), RecipientOutcome.DELIVERED),
                        new RecipientResult(new EmailAddress("bob@receiver.example"),
                                new SmtpReply(451, "4.7.1", "Greylisted, try again in 5 minutes"),
                                RecipientOutcome.DEFERRED)),
                acceptedAt.plusSeconds(1)));

        JsonNode message = service.data(OPERATOR_TOKEN, MESSAGE, "id", id).path("message");
        assertThat(message.path("state").asText()).isEqualTo("DEFERRED");
        assertThat(message.path("pending")).extracting(JsonNode::asText).containsExactly("bob@receiver.example");
        assertThat(message.path("attemptCount").asInt()).isEqualTo(1);
        assertThat(message.path("ipsTried")).extracting(JsonNode::asText).containsExactly(OTHER_IP);
        assertThat(message.path("lastReply").asText()).isEqualTo("451 4.7.1 Greylisted, try again in 5 minutes");
        assertThat(message.path("intake").toString()).isEqualTo("{\"recipients\":[\"ann@receiver.example\","
                + "\"bob@receiver.example\"],\"headerMessageId\":\"<" + id + "@acme.example>\","
                + "\"clientIp\":\"198.51.100.7\",\"route\":\"SMTP\"}");
        assertThat(message.path("attempts").toString()).isEqualTo("[{\"number\":1,\"egressIp\":\"127.0.0.42\","
                + "\"mxHost\":\"mx.receiver.example\",\"mxAddress\":\"192.0.2.25\",\"tls\":true,\"durationMillis\":420,"
                + "\"results\":[{\"recipient\":\"ann@receiver.example\",\"outcome\":\"DELIVERED\",\"reply\":{\"code\":250,"
                + "\"enhancedCode\":\"2.0.0\",\"text\":\"Ok: queued as 4Xk2\",\"line\":\"250 2.0.0 Ok: queued as 4Xk2\"}},"
                + "{\"recipient\":\"bob@receiver.example\",\"outcome\":\"DEFERRED\",\"reply\":{\"code\":451,"
                + "\"enhancedCode\":\"4.7.1\",\"text\":\"Greylisted, try again in 5 minutes\","
                + "\"line\":\"451 4.7.1 Greylisted, try again in 5 minutes\"}}]}]");
        assertThat(message.path("events").valueStream().map(event -> event.path("type").asText()).toList())
                .startsWith("MessageAcceptedEvent", "DeliveryAttemptedEvent", "MessageDeliveredEvent",
                        "DeliveryDeferredEvent");
        JsonNode attempted = message.path("events").get(1);
        assertThat(attempted.path("sequence").asInt()).isEqualTo(1);
        assertThat(attempted.path("payload").path("duration").asText()).isEqualTo("PT0.42S");
        assertThat(Instant.parse(attempted.path("at").asText())).isAfterOrEqualTo(acceptedAt);

        Instant beforeRetry = Instant.now();
        JsonNode retried = service.data(OPERATOR_TOKEN,
                "mutation ($id: ID!) { retryMessage(id: $id) { state nextAttemptAt } }", "id", id).path("retryMessage");
        assertThat(retried.path("state").asText()).isEqualTo("DEFERRED");
        assertThat(Instant.parse(retried.path("nextAttemptAt").asText()))
                .isBetween(beforeRetry, Instant.now().plusMillis(1));

        JsonNode queue = service.data(OPERATOR_TOKEN, "{ queue { byDomain { domain state count recipients } } }")
                .path("queue").path("byDomain");
        assertThat(queue.toString()).contains(
                "{\"domain\":\"receiver.example\",\"state\":\"DEFERRED\",\"count\":1,\"recipients\":1}");
    }

    @Test
    void anUnknownMessageIsNotFoundAndABadIdIsABadRequest() throws Exception {
        JsonNode unknown = service.graphQl(OPERATOR_TOKEN,
                "mutation { holdMessage(id: \"NOSUCHMSG-0000000000\") { state } }");
        assertThat(unknown.path("errors").get(0).path("extensions").path("classification").asText())
                .isEqualTo("NOT_FOUND");
        assertThat(unknown.path("errors").get(0).path("message").asText()).contains("NOSUCHMSG-0000000000");

        JsonNode bad = service.graphQl(OPERATOR_TOKEN, "{ message(id: \"no/such\") { state } }");
        assertThat(bad.path("errors").get(0).path("message").asText()).startsWith("Message id 'no/such' is not valid");
        assertThat(service.data(OPERATOR_TOKEN, "{ message(id: \"NOSUCHMSG-0000000000\") { state } }")
                .path("message").isNull()).isTrue();
    }

    @Test
    void theOperatorGivesAnIpAnotherWarmUpPlanAndABadPlanIsRefusedWithTheFix() throws Exception {
        JsonNode before = service.data(OPERATOR_TOKEN, "{ egressIp(address: \"127.0.0.41\") { warmUpStage } }")
                .path("egressIp");
        assertThat(before.path("warmUpStage").asText()).isEqualTo("day 1 of its warm-up plan: 50 a day to most providers");

        JsonNode changed = service.data(OPERATOR_TOKEN, """
                mutation { setWarmUpPlan(address: "127.0.0.41", plan: "none", by: "ops-anna",
                                         note: "seasoned at our former provider") {
                  warmUpStage warmUp { plan day } history { change by note } } }""").path("setWarmUpPlan");

        assertThat(changed.path("warmUpStage").asText()).isEqualTo("seasoned");
        assertThat(changed.path("warmUp").path("plan").asText()).isEqualTo("none");
        assertThat(changed.path("history").valueStream().filter(change -> change.path("change").asText()
                .equals("WARM_UP_PLAN_CHANGED")).toList()).singleElement().satisfies(change -> {
                    assertThat(change.path("by").asText()).isEqualTo("ops-anna");
                    assertThat(change.path("note").asText()).contains("seasoned at our former provider");
                });

        JsonNode refused = service.graphQl(OPERATOR_TOKEN,
                "mutation { setWarmUpPlan(address: \"127.0.0.41\", plan: \"4d=50\") { address } }");
        assertThat(refused.path("errors").get(0).path("message").asText()).contains("is not a warm-up plan")
                .contains("0d");
        assertThat(refused.path("errors").get(0).path("extensions").path("classification").asText())
                .isEqualTo("BAD_REQUEST");
    }

    @Test
    void theOperatorReinstatesAndRetiresEgressIpsAndReadsTheirHistory() throws Exception {
        String victim = service.accept(ACME, "news@acme.example", List.of("ann@blocking.example"), Instant.now());
        service.commands().sendAndWait(new BlacklistEgressIpCommand(new EgressIpAddress(BLOCKED_IP),
                MessageId.of(victim), 1, "Spamhaus",
                new SmtpReply(554, "5.7.1", "Service unavailable; Client host [127.0.0.41] blocked using zen.spamhaus.org"),
                Instant.now()));
        Instant whileBlocked = Instant.now();

        JsonNode pool = service.data(OPERATOR_TOKEN, "{ egressIps { address pool state healthy lastBlock } }")
                .path("egressIps");
        assertThat(pool.toString()).isEqualTo("[{\"address\":\"127.0.0.41\",\"pool\":\"default\","
                + "\"state\":\"BLACKLISTED\",\"healthy\":false,\"lastBlock\":\"Spamhaus: 554 5.7.1 Service unavailable;"
                + " Client host [127.0.0.41] blocked using zen.spamhaus.org\"},{\"address\":\"127.0.0.42\","
                + "\"pool\":\"default\",\"state\":\"ACTIVE\",\"healthy\":true,\"lastBlock\":null}]");

        JsonNode reinstated = service.data(OPERATOR_TOKEN, """
                mutation { reinstateEgressIp(address: "127.0.0.41", by: "ops-anna", note: "delisted, ticket 4712") {
                  address state healthy } }""").path("reinstateEgressIp");
        assertThat(reinstated.toString()).isEqualTo("{\"address\":\"127.0.0.41\",\"state\":\"ACTIVE\",\"healthy\":true}");
        assertThat(service.bean(EgressPool.class).find(new EgressIpAddress(BLOCKED_IP)).orElseThrow().state())
                .isEqualTo(EgressIpView.State.ACTIVE);

        JsonNode again = service.graphQl(OPERATOR_TOKEN, "mutation { reinstateEgressIp(address: \"127.0.0.41\") { state } }");
        assertThat(again.path("errors").get(0).path("message").asText())
                .contains("not blacklisted; only a blacklisted IP is reinstated.");

        JsonNode retired = service.data(OPERATOR_TOKEN,
                "mutation { retireEgressIp(address: \"127.0.0.42\", note: \"returned to the provider\") { state healthy } }")
                .path("retireEgressIp");
        assertThat(retired.toString()).isEqualTo("{\"state\":\"RETIRED\",\"healthy\":false}");

        JsonNode history = service.data(OPERATOR_TOKEN, """
                { egressIp(address: "127.0.0.41") { state history {
                    change state by note blockList reply detectedInMessage detectedInAttempt } } }""")
                .path("egressIp").path("history");
        assertThat(history.valueStream().map(change -> change.path("change").asText()).toList())
                .containsExactly("ADDED", "BLACKLISTED", "REINSTATED");
        assertThat(history.get(1).path("blockList").asText()).isEqualTo("Spamhaus");
        assertThat(history.get(1).path("detectedInMessage").asText()).isEqualTo(victim);
        assertThat(history.get(1).path("detectedInAttempt").asInt()).isEqualTo(1);
        assertThat(history.get(2).path("by").asText()).isEqualTo("ops-anna");
        assertThat(history.get(2).path("note").asText()).isEqualTo("delisted, ticket 4712");
        assertThat(service.data(OPERATOR_TOKEN, "{ egressIp(address: \"192.0.2.99\") { state } }").path("egressIp")
                .isNull()).isTrue();

        JsonNode asOf = service.data(OPERATOR_TOKEN, "query ($at: DateTime!) { egressIpsAsOf(at: $at) { address state } }",
                "at", whileBlocked.toString()).path("egressIpsAsOf");
        assertThat(asOf.toString()).isEqualTo("[{\"address\":\"127.0.0.41\",\"state\":\"BLACKLISTED\"},"
                + "{\"address\":\"127.0.0.42\",\"state\":\"ACTIVE\"}]");
    }

    private static QueueEntry.State queueState(String id) {
        return service.bean(QueueView.class).find(MessageId.of(id)).orElseThrow().state();
    }
}
