package org.ledgermta.api.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledgermta.api.graphql.GraphQlService.ACME;
import static org.ledgermta.api.graphql.GraphQlService.ACME_TOKEN;
import static org.ledgermta.api.graphql.GraphQlService.GLOBEX;
import static org.ledgermta.api.graphql.GraphQlService.GLOBEX_TOKEN;
import static org.ledgermta.api.graphql.GraphQlService.OPERATOR_TOKEN;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledgermta.api.sender.SenderDomains;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.DomainName;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.sender.DkimAlgorithm;
import org.ledgermta.projections.queue.QueueEntry;
import org.ledgermta.projections.queue.QueueView;

class AccountCannotReadAnotherAccountsMessagesTest {

    private static final String MESSAGE = """
            query ($id: ID!) { message(id: $id) { id account sender state pending intake { recipients } } }""";
    private static final String MESSAGES = """
            query ($filter: MessageFilter) {
              messages(filter: $filter) { totalCount edges { node { id account } } pageInfo { hasNextPage } }
            }""";

    @TempDir
    static Path dataDir;
    private static GraphQlService service;
    private static String acmeFirst;
    private static String acmeSecond;
    private static String globexFirst;
    private static String globexSecond;

    @BeforeAll
    static void start() {
        service = GraphQlService.start(dataDir, "mta.dkim.master-key=7hjJfJ1cQpD2mQ3Zb6n3yWqK0r1s2t3u4v5w6x7y8z0=",
                "mta.egress.ips=127.0.0.31");
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        acmeFirst = service.accept(ACME, "news@acme.example", List.of("ann@receiver.example"), at);
        globexFirst = service.accept(GLOBEX, "billing@globex.example", List.of("ann@receiver.example",
                "bob@elsewhere.example"), at.plusMillis(1));
        acmeSecond = service.accept(ACME, "news@acme.example", List.of("carl@receiver.example"), at.plusMillis(2));
        globexSecond = service.accept(GLOBEX, "billing@globex.example", List.of("dora@receiver.example"),
                at.plusMillis(3));
        SenderDomains senders = service.bean(SenderDomains.class);
        senders.register(new DomainName("acme.example"), new AccountId(ACME), DkimAlgorithm.ED25519);
        senders.register(new DomainName("globex.example"), new AccountId(GLOBEX), DkimAlgorithm.ED25519);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void anAccountReadsItsOwnMessageByIdAndAnotherAccountsMessageIsNull() throws Exception {
        JsonNode own = service.data(ACME_TOKEN, MESSAGE, "id", acmeFirst).path("message");
        assertThat(own.path("id").asText()).isEqualTo(acmeFirst);
        assertThat(own.path("account").asText()).isEqualTo(ACME);
        assertThat(own.path("intake").path("recipients")).extracting(JsonNode::asText)
                .containsExactly("ann@receiver.example");

        for (String theirs : List.of(globexFirst, globexSecond)) {
            JsonNode response = service.graphQl(ACME_TOKEN, MESSAGE, "id", theirs);
            assertThat(response.path("data").path("message").isNull()).as(response.toString()).isTrue();
            assertThat(response.has("errors")).isFalse();
            assertThat(response.toString()).doesNotContain("globex").doesNotContain("billing@");
        }
        assertThat(service.data(GLOBEX_TOKEN, MESSAGE, "id", acmeSecond).path("message").isNull()).isTrue();
        // the same answer as for a queue id that never existed: nothing tells the two apart
        assertThat(service.graphQl(ACME_TOKEN, MESSAGE, "id", "MISSING0-00000000000"))
                .isEqualTo(service.graphQl(ACME_TOKEN, MESSAGE, "id", globexFirst));
    }

    @Test
    void anAccountListsOnlyItsOwnMessagesWhateverTheFilterSays() throws Exception {
        assertThat(ids(service.data(ACME_TOKEN, MESSAGES, "filter", null))).containsExactly(acmeFirst, acmeSecond);
        assertThat(ids(service.data(GLOBEX_TOKEN, MESSAGES, "filter", null)))
                .containsExactly(globexFirst, globexSecond);

        JsonNode askingForGlobex = service.data(ACME_TOKEN, MESSAGES, "filter", Map.of("account", GLOBEX));
        assertThat(ids(askingForGlobex)).isEmpty();
        assertThat(askingForGlobex.path("messages").path("totalCount").asInt()).isZero();
        // a recipient both accounts wrote to: only the caller's own message
        assertThat(ids(service.data(ACME_TOKEN, MESSAGES, "filter",
                Map.of("recipient", "ann@receiver.example")))).containsExactly(acmeFirst);
        assertThat(ids(service.data(ACME_TOKEN, MESSAGES, "filter",
                Map.of("sender", "billing@globex.example")))).isEmpty();

        assertThat(ids(service.data(OPERATOR_TOKEN, MESSAGES, "filter", null)))
                .containsExactly(acmeFirst, globexFirst, acmeSecond, globexSecond);
        assertThat(ids(service.data(OPERATOR_TOKEN, MESSAGES, "filter", Map.of("account", GLOBEX))))
                .containsExactly(globexFirst, globexSecond);
    }

    @Test
    void theQueueSummaryOfAnAccountCountsItsOwnMessagesOnly() throws Exception {
        String query = "{ queue { byState { state count } byDomain { domain state count recipients } } }";

        JsonNode acme = service.data(ACME_TOKEN, query).path("queue");
        assertThat(acme.path("byState").toString()).isEqualTo("[{\"state\":\"QUEUED\",\"count\":2}]");
        assertThat(acme.path("byDomain").toString())
                .isEqualTo("[{\"domain\":\"receiver.example\",\"state\":\"QUEUED\",\"count\":2,\"recipients\":2}]");

        JsonNode all = service.data(OPERATOR_TOKEN, query).path("queue");
        assertThat(all.path("byState").toString()).isEqualTo("[{\"state\":\"QUEUED\",\"count\":4}]");
        assertThat(all.path("byDomain").toString()).isEqualTo("["
                + "{\"domain\":\"elsewhere.example\",\"state\":\"QUEUED\",\"count\":1,\"recipients\":1},"
                + "{\"domain\":\"receiver.example\",\"state\":\"QUEUED\",\"count\":4,\"recipients\":4}]");
    }

    @Test
    void anAccountSeesOnlyItselfItsSenderDomainsAndNoEgressIp() throws Exception {
        assertThat(service.data(ACME_TOKEN, "{ accounts { name networks suspended } }").path("accounts").toString())
                .isEqualTo("[{\"name\":\"acme\",\"networks\":[\"198.51.100.0/28\"],\"suspended\":false}]");
        assertThat(service.data(ACME_TOKEN, "{ senderDomains { domain account keys { active algorithm } } }")
                .path("senderDomains").toString()).isEqualTo(
                "[{\"domain\":\"acme.example\",\"account\":\"acme\",\"keys\":[{\"active\":true,\"algorithm\":\"ED25519\"}]}]");

        String records = "query ($domain: String!) { senderDomainRecords(domain: $domain) { kind name zoneLine } }";
        assertThat(service.data(ACME_TOKEN, records, "domain", "acme.example").path("senderDomainRecords"))
                .extracting(record -> record.path("kind").asText()).contains("DKIM", "SPF", "DMARC");
        assertThat(service.data(ACME_TOKEN, records, "domain", "globex.example").path("senderDomainRecords").isNull())
                .isTrue();

        for (String egress : List.of("{ egressIps { address } }", "{ egressIp(address: \"127.0.0.31\") { state } }",
                "{ egressIpsAsOf(at: \"2030-01-01T00:00:00Z\") { address } }")) {
            JsonNode refused = service.graphQl(ACME_TOKEN, egress);
            assertThat(refused.path("errors").get(0).path("message").asText()).startsWith("operator only");
            assertThat(refused.path("errors").get(0).path("extensions").path("classification").asText())
                    .isEqualTo("FORBIDDEN");
        }
    }

    @Test
    void anAccountCannotReadAnotherAccountsMessageAsOfAPastInstant() throws Exception {
        String asOf = "query ($id: ID!) { messageAsOf(id: $id, at: \"2099-01-01T00:00:00Z\") { id state account } }";

        assertThat(service.data(ACME_TOKEN, asOf, "id", globexFirst).path("messageAsOf").isNull()).isTrue();
        assertThat(service.data(GLOBEX_TOKEN, asOf, "id", globexFirst).path("messageAsOf").path("state").asText())
                .isEqualTo("QUEUED");
    }

    @Test
    void anAccountTokenRunsNoMutationNotEvenOnItsOwnMessage() throws Exception {
        for (String mutation : List.of(
                "mutation ($id: ID!) { holdMessage(id: $id) { state } }",
                "mutation ($id: ID!) { deleteMessage(id: $id, note: \"mine\") { state } }",
                "mutation ($id: ID!) { retryMessage(id: $id) { state } }",
                "mutation ($id: ID!) { releaseMessage(id: $id) { state } }")) {
            JsonNode refused = service.graphQl(ACME_TOKEN, mutation, "id", acmeFirst);

            assertThat(refused.path("data").isNull()).as(refused.toString()).isTrue();
            assertThat(refused.path("errors").get(0).path("message").asText()).startsWith("operator only");
        }
        JsonNode ip = service.graphQl(GLOBEX_TOKEN, "mutation { retireEgressIp(address: \"127.0.0.31\") { state } }");
        assertThat(ip.path("errors").get(0).path("message").asText()).startsWith("operator only");
        assertThat(service.bean(QueueView.class).find(MessageId.of(acmeFirst)).orElseThrow().state())
                .isEqualTo(QueueEntry.State.QUEUED);
    }

    private static List<String> ids(JsonNode data) {
        return data.path("messages").path("edges").valueStream().map(edge -> edge.path("node").path("id").asText())
                .toList();
    }
}
