package org.ledgermta.api.graphql.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledgermta.api.LedgerMtaApplication;
import org.ledgermta.api.intake.QueueIds;
import org.ledgermta.api.redis.RedisReachabilityCheck;
import org.ledgermta.api.store.LedgerStore;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.IntakeRoute;
import org.ledgermta.domain.ReversePath;
import org.ledgermta.domain.account.MessageRejectedEvent;
import org.ledgermta.domain.account.RejectionReason;
import org.ledgermta.domain.egress.AddEgressIpCommand;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.egress.PoolName;
import org.ledgermta.domain.message.AcceptMessageCommand;
import org.ledgermta.domain.message.MessageBody;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.RecipientOutcome;
import org.ledgermta.domain.message.RecipientResult;
import org.ledgermta.domain.message.RecordDeliveryAttemptCommand;
import org.ledgermta.domain.message.SmtpReply;
import org.ledgermta.projections.stats.DeliveryStatistics;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Attempts and rejections recorded in the ledger show up as counts on EgressIp and Account. */
class DeliveryStatisticsThroughGraphQlTest {

    private static final String OPERATOR_TOKEN = "operator-3f8b1d6e9a2c4705";
    private static final String ACME_TOKEN = "acme-token-7e2c9a4f1b6d3058";
    private static final String GLOBEX_TOKEN = "globex-token-1d5f8b2e6a9c4073";
    private static final String IP = "127.0.0.51";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    private static ConfigurableApplicationContext context;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        context = new SpringApplicationBuilder(LedgerMtaApplication.class)
                .listeners(new RedisReachabilityCheck(false))
                .properties("mta.data-dir=" + dataDir, "server.port=0", "server.address=127.0.0.1",
                        "mta.delivery.enabled=false", "mta.smtp.listen=127.0.0.1:0",
                        "mta.api.operator-token=" + OPERATOR_TOKEN,
                        "mta.api.account-tokens.acme=" + ACME_TOKEN,
                        "mta.api.account-tokens.globex=" + GLOBEX_TOKEN,
                        "mta.accounts.acme.networks=198.51.100.0/28",
                        "mta.accounts.globex.networks=198.51.100.16/28")
                .run();
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void attemptsCountPerEgressIpPerProviderAndPerAccount() throws Exception {
        Instant now = Instant.now();
        CommandGateway commands = context.getBean(CommandGateway.class);
        commands.sendAndWait(new AddEgressIpCommand(new EgressIpAddress(IP), new PoolName("default"),
                "mta51.relay.example", now.minus(Duration.ofHours(4))));
        QueueIds queueIds = new QueueIds();
        Instant acceptedAt = now.minus(Duration.ofHours(3));
        MessageId news = accept(commands, queueIds.next(acceptedAt), acceptedAt,
                "ann@gmail.example", "bob@gmail.example");
        MessageId receipt = accept(commands, queueIds.next(acceptedAt.plusMillis(5)), acceptedAt, "cy@receiver.example");

        attempt(commands, news, "gmail-smtp-in.l.google.com", now.minus(Duration.ofHours(2)),
                result("ann@gmail.example", RecipientOutcome.DEFERRED),
                result("bob@gmail.example", RecipientOutcome.DEFERRED));
        attempt(commands, receipt, "mx.receiver.example", now.minus(Duration.ofMinutes(2)),
                result("cy@receiver.example", RecipientOutcome.BOUNCED));
        attempt(commands, news, "alt1.gmail-smtp-in.l.google.com", now.minus(Duration.ofMinutes(1)),
                result("ann@gmail.example", RecipientOutcome.DELIVERED),
                result("bob@gmail.example", RecipientOutcome.EGRESS_BLOCKED));
        context.getBean(EventGateway.class).publish(new MessageRejectedEvent("acme", "198.51.100.7",
                "news@acme.example", List.of("dee@receiver.example"), RejectionReason.OVER_LIMIT,
                "450 4.7.1 Volume limit reached", now.minusSeconds(30)));

        JsonNode ip = data(OPERATOR_TOKEN, """
                query ($address: String!) {
                  egressIp(address: $address) {
                    address warmUpStage
                    hour: stats { attempts delivered deferred bounced blocked }
                    day: stats(window: LAST_DAY) { attempts delivered deferred bounced blocked }
                    byProvider(window: LAST_DAY) { provider attempts delivered deferred bounced blocked }
                    lastHourByProvider: byProvider { provider attempts }
                  }
                }""", Map.of("address", IP)).path("egressIp");
        assertThat(ip.path("warmUpStage").asText()).as("added without a warm-up plan").isEqualTo("seasoned");
        assertThat(ip.path("hour").toString())
                .isEqualTo("{\"attempts\":2,\"delivered\":1,\"deferred\":0,\"bounced\":1,\"blocked\":1}");
        assertThat(ip.path("day").toString())
                .isEqualTo("{\"attempts\":3,\"delivered\":1,\"deferred\":2,\"bounced\":1,\"blocked\":1}");
        assertThat(ip.path("byProvider").toString()).isEqualTo("[{\"provider\":\"google.com\",\"attempts\":2,"
                + "\"delivered\":1,\"deferred\":2,\"bounced\":0,\"blocked\":1},{\"provider\":\"receiver.example\","
                + "\"attempts\":1,\"delivered\":0,\"deferred\":0,\"bounced\":1,\"blocked\":0}]");
        assertThat(ip.path("lastHourByProvider").toString()).isEqualTo(
                "[{\"provider\":\"google.com\",\"attempts\":1},{\"provider\":\"receiver.example\",\"attempts\":1}]");

        String accounts = """
                query { accounts { name
                  stats { accepted recipients delivered deferred bounced rejected rejectedByReason { reason count } }
                  hour: stats(window: LAST_HOUR) { accepted delivered deferred bounced rejected } } }""";
        JsonNode acme = data(ACME_TOKEN, accounts, Map.of()).path("accounts");
        assertThat(acme).hasSize(1);
        assertThat(acme.get(0).path("stats").toString()).isEqualTo("{\"accepted\":2,\"recipients\":3,"
                + "\"delivered\":1,\"deferred\":3,\"bounced\":1,\"rejected\":1,"
                + "\"rejectedByReason\":[{\"reason\":\"OVER_LIMIT\",\"count\":1}]}");
        assertThat(acme.get(0).path("hour").toString())
                .isEqualTo("{\"accepted\":0,\"delivered\":1,\"deferred\":1,\"bounced\":1,\"rejected\":1}");

        // what a restart reads back from the store is what was served
        DeliveryStatistics reloaded = new DeliveryStatistics(context.getBean(LedgerStore.class).database()).load(now);
        assertThat(reloaded.account(new AccountId("acme"), Duration.ofHours(24), now))
                .isEqualTo(context.getBean(DeliveryStatistics.class).account(new AccountId("acme"),
                        Duration.ofHours(24), now));
        assertThat(reloaded.egressIp(new EgressIpAddress(IP), Duration.ofHours(24), now).attempts()).isEqualTo(3);

        JsonNode globex = data(GLOBEX_TOKEN, accounts, Map.of()).path("accounts");
        assertThat(globex.valueStream().map(account -> account.path("name").asText()).toList())
                .containsExactly("globex");
        assertThat(globex.get(0).path("stats").path("accepted").asInt()).isZero();

        JsonNode refused = graphQl(GLOBEX_TOKEN, "query { egressIps { address stats { attempts } } }", Map.of());
        assertThat(refused.path("errors").get(0).path("extensions").path("classification").asText())
                .isEqualTo("FORBIDDEN");
    }

    private static MessageId accept(CommandGateway commands, MessageId id, Instant at, String... recipients) {
        commands.sendAndWait(new AcceptMessageCommand(id, new AccountId("acme"), new ReversePath("news@acme.example"),
                List.of(recipients).stream().map(EmailAddress::new).toList(),
                new MessageBody("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 2048),
                "<" + id.value() + "@acme.example>", "Shop <news@acme.example>", "198.51.100.7",
                IntakeRoute.SMTP, at, at.plus(Duration.ofDays(5))));
        return id;
    }

    private static void attempt(CommandGateway commands, MessageId id, String mxHost, Instant at,
                                RecipientResult... results) {
        commands.sendAndWait(new RecordDeliveryAttemptCommand(id, new EgressIpAddress(IP), mxHost, "192.0.2.25",
                true, Duration.ofMillis(300), List.of(results), at));
    }

    private static RecipientResult result(String recipient, RecipientOutcome outcome) {
        SmtpReply reply = switch (outcome) {
            case DELIVERED -> new SmtpReply(250, "2.0.0", "Ok: queued as 7Hq1");
            case DEFERRED -> new SmtpReply(451, "4.7.1", "Greylisted, try again in 5 minutes");
            case BOUNCED -> new SmtpReply(550, "5.1.1", "No such user");
            case EGRESS_BLOCKED -> new SmtpReply(550, "5.7.1", "Service unavailable; client host blocked using"
                    + " zen.spamhaus.org");
        };
        return new RecipientResult(new EmailAddress(recipient), reply, outcome);
    }

    private static JsonNode data(String token, String query, Map<String, Object> variables) throws Exception {
        JsonNode response = graphQl(token, query, variables);
        assertThat(response.path("errors").isMissingNode()).as(response.toString()).isTrue();
        return response.path("data");
    }

    private static JsonNode graphQl(String token, String query, Map<String, Object> variables) throws Exception {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/graphql"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("query", query, "variables", variables))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
