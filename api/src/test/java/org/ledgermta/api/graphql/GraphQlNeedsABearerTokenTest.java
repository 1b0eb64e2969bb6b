package org.ledgermta.api.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphQlNeedsABearerTokenTest {

    private static final String QUERY = "{\"query\": \"{ accounts { name } }\"}";
    private static final String INTROSPECTION = "{\"query\": \"{ __schema { types { name } } }\"}";

    @TempDir
    static Path dataDir;
    private static GraphQlService service;

    @BeforeAll
    static void start() {
        service = GraphQlService.start(dataDir);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void aRequestWithoutATokenGets401AndNothingElse() throws Exception {
        for (String body : new String[] {QUERY, INTROSPECTION}) {
            HttpResponse<String> response = service.post("/graphql", null, body);

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"ledgermta\"");
            JsonNode json = GraphQlService.readJson(response.body());
            assertThat(json.properties()).extracting(Map.Entry::getKey).containsExactly("error");
            assertThat(response.body()).doesNotContain("acme").doesNotContain("__schema").doesNotContain("Query");
        }
    }

    @Test
    void aWrongTokenGets401WithInvalidToken() throws Exception {
        for (String token : new String[] {"operator-5d1e8a7c3b9f2e6", GraphQlService.OPERATOR_TOKEN + "x",
                "acme", ""}) {
            HttpResponse<String> response = service.post("/graphql", token, QUERY);

            assertThat(response.statusCode()).as("token '%s'", token).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Bearer ");
            assertThat(GraphQlService.readJson(response.body()).has("data")).isFalse();
        }
        assertThat(service.post("/graphql", "x", QUERY).headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"ledgermta\", error=\"invalid_token\"");
    }

    @Test
    void anotherAuthorizationSchemeIsNotAToken() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (GraphQlService.ACME + ":" + GraphQlService.ACME_TOKEN).getBytes(StandardCharsets.UTF_8));
        for (String authorization : new String[] {basic, GraphQlService.ACME_TOKEN, "Bearer"}) {
            assertThat(service.postAuthorized("/graphql", authorization, QUERY).statusCode())
                    .as(authorization).isEqualTo(401);
        }
    }

    @Test
    void theOperatorAndAnAccountTokenAreLetIn() throws Exception {
        assertThat(service.data(GraphQlService.OPERATOR_TOKEN, "{ accounts { name } }").path("accounts"))
                .extracting(node -> node.path("name").asText()).containsExactly("acme", "globex");
        assertThat(service.data(GraphQlService.GLOBEX_TOKEN, "{ accounts { name } }").path("accounts"))
                .extracting(node -> node.path("name").asText()).containsExactly("globex");
        // the scheme's name is case-insensitive (RFC 6750 §2.1, RFC 9110 §11.1)
        HttpResponse<String> lowerCase = service.postAuthorized("/graphql", "bearer " + GraphQlService.ACME_TOKEN,
                QUERY);
        assertThat(lowerCase.statusCode()).isEqualTo(200);
        assertThat(lowerCase.body()).contains("acme").doesNotContain("globex");
    }

    @Test
    void theGraphiqlPageIsServedWithoutATokenAndItsQueriesNeedOne() throws Exception {
        HttpResponse<String> entry = service.get("/graphiql");
        assertThat(entry.uri().getPath()).as("/graphiql leads to the page").isEqualTo("/graphiql/index.html");
        HttpResponse<String> page = service.get("/graphiql/index.html");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        // served from this service: no CDN, so it works on a network with no way out
        assertThat(page.body()).contains("GraphiQL").contains("headerEditorEnabled")
                .doesNotContain("esm.sh").doesNotContain("unpkg").doesNotContain("cdn");
        assertThat(service.get("/graphiql/graphiql.min.js").statusCode()).isEqualTo(200);
        assertThat(service.post("/graphql", null, INTROSPECTION).statusCode()).isEqualTo(401);
        assertThat(service.data(GraphQlService.ACME_TOKEN, "{ __schema { queryType { name } } }")
                .path("__schema").path("queryType").path("name").asText()).isEqualTo("Query");
    }
}
