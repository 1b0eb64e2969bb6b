package org.ledgermta.api.graphql;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.ledgermta.api.LedgerMtaApplication;
import org.ledgermta.api.intake.QueueIds;
import org.ledgermta.api.redis.RedisReachabilityCheck;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.IntakeRoute;
import org.ledgermta.domain.ReversePath;
import org.ledgermta.domain.message.AcceptMessageCommand;
import org.ledgermta.domain.message.MessageBody;
import org.ledgermta.domain.message.MessageId;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole service with HTTP on a free loopback port and three tokens: the operator's and those of the
 * accounts {@code acme} and {@code globex}; and GraphQL requests to it over HTTP.
 */
final class GraphQlService implements AutoCloseable {

    static final String OPERATOR_TOKEN = "operator-5d1e8a7c3b9f2e64";
    static final String ACME = "acme";
    static final String ACME_TOKEN = "acme-token-2b7f4c9e1a6d8053";
    static final String GLOBEX = "globex";
    static final String GLOBEX_TOKEN = "globex-token-8c3a5e1f7b2d9046";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    private final URI base;
    private final QueueIds queueIds = new QueueIds();

    private GraphQlService(ConfigurableApplicationContext context) {
        this.context = context;
        this.base = URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    static GraphQlService start(Path dataDir, String... properties) {
        List<String> all = new ArrayList<>(List.of("mta.data-dir=" + dataDir, "server.port=0",
                "server.address=127.0.0.1", "mta.delivery.enabled=false", "mta.smtp.listen=127.0.0.1:0",
                "mta.api.operator-token=" + OPERATOR_TOKEN,
                "mta.api.account-tokens." + ACME + "=" + ACME_TOKEN,
                "mta.api.account-tokens." + GLOBEX + "=" + GLOBEX_TOKEN,
                "mta.accounts." + ACME + ".networks=198.51.100.0/28",
                "mta.accounts." + GLOBEX + ".networks=198.51.100.16/28"));
        all.addAll(List.of(properties));
        return new GraphQlService(new SpringApplicationBuilder(LedgerMtaApplication.class)
                .listeners(new RedisReachabilityCheck(false))
                .properties(all.toArray(String[]::new))
                .run());
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    CommandGateway commands() {
        return bean(CommandGateway.class);
    }

    /** Accepts a message into the ledger as the intake would, and returns its queue id. */
    String accept(String account, String sender, List<String> recipients, Instant acceptedAt) {
        MessageId id = queueIds.next(acceptedAt);
        commands().sendAndWait(new AcceptMessageCommand(id, new AccountId(account), new ReversePath(sender),
                recipients.stream().map(EmailAddress::new).toList(),
                new MessageBody("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 2048),
                "<" + id.value() + "@" + account + ".example>", "Shop <" + sender + ">", "198.51.100.7",
                IntakeRoute.SMTP, acceptedAt, acceptedAt.plus(Duration.ofDays(5))));
        return id.value();
    }

    HttpResponse<String> post(String path, String token, String body) throws Exception {
        return postAuthorized(path, token == null ? null : "Bearer " + token, body);
    }

    /** A POST with this whole Authorization header, or none when null. */
    HttpResponse<String> postAuthorized(String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    String url(String path) {
        return base.resolve(path).toString();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The whole GraphQL response (data and errors) of a request that passed the token check. */
    JsonNode graphQl(String token, String query, Object... variables) throws Exception {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (int i = 0; i < variables.length; i += 2) {
            vars.put((String) variables[i], variables[i + 1]);
        }
        HttpResponse<String> response = post("/graphql", token,
                JSON.writeValueAsString(Map.of("query", query, "variables", vars)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The data of a request that must succeed without any error. */
    JsonNode data(String token, String query, Object... variables) throws Exception {
        JsonNode response = graphQl(token, query, variables);
        assertThat(response.path("errors").isMissingNode()).as(response.toString()).isTrue();
        return response.path("data");
    }

    static JsonNode readJson(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Override
    public void close() {
        context.close();
    }
}
