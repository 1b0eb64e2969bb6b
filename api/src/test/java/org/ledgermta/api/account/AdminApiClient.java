package org.ledgermta.api.account;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ledgermta.api.LedgerMtaApplication;
import org.ledgermta.api.redis.RedisReachabilityCheck;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The whole service with HTTP on a free loopback port, and requests to its admin API. */
final class AdminApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;

    AdminApiClient(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
    }

    static ConfigurableApplicationContext startWithHttp(Path dataDir, String... properties) {
        List<String> all = new ArrayList<>(List.of("mta.data-dir=" + dataDir, "server.port=0", "mta.delivery.enabled=false",
                "server.address=127.0.0.1", "mta.smtp.listen=127.0.0.1:0"));
        all.addAll(List.of(properties));
        return new SpringApplicationBuilder(LedgerMtaApplication.class)
                .listeners(new RedisReachabilityCheck(false))
                .properties(all.toArray(String[]::new))
                .run();
    }

    static AdminApiClient of(ConfigurableApplicationContext context) {
        return new AdminApiClient(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    Response send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body(), response);
    }

    record Response(int status, String body, HttpResponse<String> raw) {

        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }

        String error() throws Exception {
            return json().path("error").asText();
        }
    }
}
