package org.ledgermta.api.replay;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ledgermta.api.LedgerMtaApplication;
import org.ledgermta.api.redis.RedisReachabilityCheck;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The whole service with HTTP on a free loopback port (delivery paused), and plain requests to it. */
final class HttpService {

    static final String TOKEN = "operator-4b1d9e7c2a";

    private HttpService() {
    }

    static ConfigurableApplicationContext start(Path dataDir, String... properties) {
        List<String> all = new ArrayList<>(List.of("mta.data-dir=" + dataDir, "server.port=0",
                "server.address=127.0.0.1", "mta.smtp.listen=127.0.0.1:0", "mta.delivery.enabled=false",
                "mta.api.operator-token=" + TOKEN));
        all.addAll(List.of(properties));
        return new SpringApplicationBuilder(LedgerMtaApplication.class)
                .listeners(new RedisReachabilityCheck(false))
                .properties(all.toArray(String[]::new))
                .run();
    }

    static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** POST with the operator token (or the given one, or none when null); the body as it streams, by line. */
    static HttpResponse<Stream<String>> post(ConfigurableApplicationContext context, String path, String token,
                                             String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(context) + path))
                .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofLines());
    }
}
