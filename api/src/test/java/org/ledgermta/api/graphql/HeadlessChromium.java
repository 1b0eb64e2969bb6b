package org.ledgermta.api.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, driven through chromedriver's W3C WebDriver protocol over loopback HTTP (no
 * Selenium): open a page, wait for an element, run a script, take a screenshot. Started with the flags
 * that keep it off the network (it would otherwise try Google's hosts at start).
 */
final class HeadlessChromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Process driver;
    private final String base;
    private final String session;

    HeadlessChromium() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        driver = new ProcessBuilder("/usr/bin/chromedriver", "--port=" + port, "--allowed-ips=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!ready()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("chromedriver did not start on " + base);
            }
            Thread.sleep(100);
        }
        Path profile = Files.createTempDirectory("chromium-profile");
        ObjectNode options = JSON.createObjectNode().put("binary", "/usr/bin/chromium");
        options.set("args", JSON.valueToTree(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1280,800")));
        ObjectNode capabilities = JSON.createObjectNode();
        capabilities.putObject("capabilities").putObject("alwaysMatch").put("browserName", "chrome")
                .set("goog:chromeOptions", options);
        session = call("POST", "/session", capabilities).path("value").path("sessionId").asText();
    }

    void open(String url) throws Exception {
        call("POST", "/session/" + session + "/url", JSON.createObjectNode().put("url", url));
    }

    JsonNode script(String script, Object... args) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("script", script);
        body.set("args", JSON.valueToTree(List.of(args)));
        return call("POST", "/session/" + session + "/execute/sync", body).path("value");
    }

    /** Polls a script until it returns a truthy value; fails after the deadline. */
    JsonNode awaitScript(String what, Duration deadline, String script) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        while (true) {
            JsonNode value = script(script);
            if (!value.isNull() && !value.isMissingNode() && !(value.isBoolean() && !value.asBoolean())
                    && !(value.isTextual() && value.asText().isEmpty())) {
                return value;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + deadline + " waiting in the browser for: " + what);
            }
            Thread.sleep(100);
        }
    }

    void screenshot(Path file) throws Exception {
        String png = call("GET", "/session/" + session + "/screenshot", null).path("value").asText();
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(png));
    }

    private boolean ready() {
        try {
            return call("GET", "/status", null).path("value").path("ready").asBoolean(false);
        } catch (Exception notYet) {
            return false;
        }
    }

    private JsonNode call(String method, String path, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(response.body());
        if (response.statusCode() >= 400) {
            throw new IllegalStateException("WebDriver " + method + " " + path + " failed: " + response.body());
        }
        return json;
    }

    @Override
    public void close() throws Exception {
        try {
            call("DELETE", "/session/" + session, null);
        } finally {
            // chromedriver ignores SIGTERM; /shutdown stops it
            try {
                call("GET", "/shutdown", null);
            } catch (Exception alreadyGone) {
                // ignore
            }
            if (!driver.waitFor(10, TimeUnit.SECONDS)) {
                driver.destroyForcibly();
            }
        }
    }
}
