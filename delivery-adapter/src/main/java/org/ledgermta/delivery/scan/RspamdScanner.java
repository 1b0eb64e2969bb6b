package org.ledgermta.delivery.scan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.IDN;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * rspamd's normal worker over its HTTP protocol (rspamd.com/doc/developers/protocol.html): the raw message
 * is POSTed to {@code /checkv2}, the envelope travels in the headers {@code IP}, {@code Helo},
 * {@code From}, {@code Rcpt} (one per recipient), {@code User} and {@code Queue-Id}, and the JSON reply
 * carries {@code score}, {@code required_score}, {@code action} and {@code symbols}.
 *
 * <p>Spam is decided by {@code rejectScore} when one is configured (score at or above it), else by
 * rspamd's own action being "reject". {@code timeout} bounds the whole request.
 */
public final class RspamdScanner implements ContentScanner {

    private static final String NAME = "rspamd";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_QUOTED_REPLY = 200;

    private final URI checkUri;
    private final Duration timeout;
    private final OptionalDouble rejectScore;
    private final HttpClient http;

    public RspamdScanner(URI baseUrl, Duration timeout, OptionalDouble rejectScore) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(rejectScore, "rejectScore");
        if (!("http".equalsIgnoreCase(baseUrl.getScheme()) || "https".equalsIgnoreCase(baseUrl.getScheme()))
                || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("rspamd URL must be http://host:port (the normal worker), was " + baseUrl);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("rspamd timeout must be positive, was " + timeout);
        }
        if (rejectScore.isPresent() && !Double.isFinite(rejectScore.getAsDouble())) {
            throw new IllegalArgumentException("rspamd reject score must be a finite number, was " + rejectScore);
        }
        String base = baseUrl.toString();
        this.checkUri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/checkv2");
        this.timeout = timeout;
        this.rejectScore = rejectScore;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // rspamd speaks HTTP/1.x only; no h2c upgrade attempt
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ScanVerdict scan(ScanRequest request) {
        CompletableFuture<HttpResponse<byte[]>> reply =
                http.sendAsync(checkRequest(request), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            response = reply.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            reply.cancel(true);
            return unavailable(timedOut());
        } catch (ExecutionException e) {
            return unavailable(describe(e.getCause()));
        } catch (InterruptedException e) {
            reply.cancel(true);
            Thread.currentThread().interrupt();
            return unavailable("interrupted while waiting for rspamd at " + checkUri);
        }
        return verdictFor(response.statusCode(), response.body());
    }

    /** The verdict for one HTTP reply of /checkv2. */
    ScanVerdict verdictFor(int status, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (status != 200) {
            return unavailable("rspamd at " + checkUri + " answered HTTP " + status + errorIn(text));
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return unavailable("rspamd's reply is not JSON: " + quoted(text));
        }
        JsonNode score = root == null ? null : root.get("score");
        JsonNode action = root == null ? null : root.get("action");
        if (score == null || !score.isNumber() || action == null || !action.isTextual()) {
            return unavailable("rspamd's reply has no score or action: " + quoted(text));
        }
        double threshold = rejectScore.orElse(root.path("required_score").asDouble(Double.NaN));
        boolean spam = rejectScore.isPresent()
                ? score.asDouble() >= rejectScore.getAsDouble()
                : "reject".equals(action.asText());
        return spam
                ? new ScanVerdict.Spam(score.asDouble(), threshold, action.asText(), symbolsOf(root.path("symbols")))
                : new ScanVerdict.Clean(NAME);
    }

    private HttpRequest checkRequest(ScanRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(checkUri)
                .timeout(timeout)
                .header("Content-Type", "message/rfc822")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.message()));
        header(builder, "IP", request.clientIp());
        header(builder, "Helo", request.heloName());
        // a bounce has the null reverse path, "<>" (RFC 5321 §4.5.5)
        header(builder, "From", request.envelopeSender().isEmpty() ? "<>" : request.envelopeSender());
        request.recipients().forEach(recipient -> header(builder, "Rcpt", recipient));
        header(builder, "User", request.authenticatedAccount());
        header(builder, "Queue-Id", request.queueId());
        return builder.build();
    }

    /**
     * Adds the header unless the value is null or blank. Control characters (a HELO name is the client's
     * text) are dropped. java.net.http sends header values as US-ASCII, so an internationalized domain
     * goes as its A-label (RFC 5890) and any other non-ASCII character (an RFC 6531 local part) as "?".
     */
    private static void header(HttpRequest.Builder builder, String name, String value) {
        if (value == null) {
            return;
        }
        String text = value.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString().strip();
        int at = text.lastIndexOf('@');
        if (at >= 0) {
            text = text.substring(0, at + 1) + aLabels(text.substring(at + 1));
        }
        text = text.codePoints().map(c -> c < 0x80 ? c : '?')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        if (!text.isEmpty()) {
            builder.header(name, text);
        }
    }

    private static String aLabels(String domain) {
        try {
            return IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return domain; // not a valid IDN: its non-ASCII characters become "?"
        }
    }

    /** Rule names, highest score first, then by name. */
    private static List<String> symbolsOf(JsonNode symbols) {
        List<Map.Entry<String, Double>> fired = new ArrayList<>();
        symbols.properties().forEach(symbol ->
                fired.add(Map.entry(symbol.getKey(), symbol.getValue().path("score").asDouble(0))));
        fired.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        return fired.stream().map(Map.Entry::getKey).toList();
    }

    /** rspamd reports failures as {"error": "…"}. */
    private static String errorIn(String text) {
        try {
            JsonNode error = JSON.readTree(text).path("error");
            if (error.isTextual()) {
                return ": " + error.asText();
            }
        } catch (JsonProcessingException | RuntimeException e) {
            // not rspamd's error document: quote what came
        }
        return text.isBlank() ? "" : ": " + quoted(text);
    }

    private String describe(Throwable failure) {
        return switch (failure) {
            case HttpConnectTimeoutException e -> "rspamd at " + checkUri + " did not accept a connection within "
                    + timeout.toMillis() + " ms";
            case HttpTimeoutException e -> timedOut();
            // java.net.http reports a refused connection as message-less ConnectExceptions around a
            // ClosedChannelException; ConnectException itself means "typically, the connection was refused"
            case ConnectException e -> "cannot connect to rspamd at " + checkUri + ": "
                    + firstMessage(e).orElse("connection refused");
            case IOException e -> "request to rspamd at " + checkUri + " failed: "
                    + firstMessage(e).orElse(e.getClass().getSimpleName());
            default -> "request to rspamd at " + checkUri + " failed: " + failure;
        };
    }

    private String timedOut() {
        return "rspamd at " + checkUri + " did not answer within " + timeout.toMillis() + " ms";
    }

    private static ScanVerdict unavailable(String reason) {
        return new ScanVerdict.ScannerUnavailable(NAME, reason);
    }

    private static String quoted(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return "'" + (line.length() > MAX_QUOTED_REPLY ? line.substring(0, MAX_QUOTED_REPLY) + "…" : line) + "'";
    }

    /** The first message along the causes: java.net.http often wraps the one that says what happened. */
    private static Optional<String> firstMessage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                return Optional.of(cause.getMessage());
            }
        }
        return Optional.empty();
    }
}
