package org.ledgermta.delivery.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Against the real rspamd on 127.0.0.1:11333 that bin/test starts (ensure_rspamd in bin/lib.sh, configured
 * by bin/services/rspamd), and against scripted HTTP peers for what rspamd itself will not do on demand.
 */
@Timeout(30)
class RspamdScannerTest {

    private static final String DAEMON = "the rspamd of bin/test on 127.0.0.1:11333 (. bin/lib.sh; ensure_rspamd)";
    private static final URI RSPAMD = URI.create("http://127.0.0.1:11333");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final RspamdScanner rspamd = new RspamdScanner(RSPAMD, TIMEOUT, OptionalDouble.empty());

    @Test
    void cleanMessageIsClean() {
        assertThat(rspamd.scan(TestMessages.request(TestMessages.clean())))
                .as(DAEMON).isEqualTo(new ScanVerdict.Clean("rspamd"));
    }

    @Test
    void gtubeIsSpamWithRspamdsRejectActionAndThreshold() {
        ScanVerdict verdict = rspamd.scan(TestMessages.request(TestMessages.gtubeSpam()));

        assertThat(verdict).as(DAEMON).isInstanceOfSatisfying(ScanVerdict.Spam.class, spam -> {
            assertThat(spam.action()).isEqualTo("reject");
            assertThat(spam.symbols()).contains("GTUBE");
            assertThat(spam.threshold()).as("rspamd's reject score (actions.conf)").isEqualTo(15.0);
            assertThat(spam.score()).isGreaterThanOrEqualTo(spam.threshold());
        });
    }

    @Test
    void aConfiguredRejectScoreDecidesInsteadOfRspamdsAction() {
        RspamdScanner strict = new RspamdScanner(RSPAMD, TIMEOUT, OptionalDouble.of(-1000));
        RspamdScanner lenient = new RspamdScanner(RSPAMD, TIMEOUT, OptionalDouble.of(1000));

        assertThat(strict.scan(TestMessages.request(TestMessages.clean()))).as(DAEMON)
                .isInstanceOfSatisfying(ScanVerdict.Spam.class, spam -> {
                    assertThat(spam.threshold()).isEqualTo(-1000);
                    assertThat(spam.action()).isNotEqualTo("reject");
                });
        assertThat(lenient.scan(TestMessages.request(TestMessages.gtubeSpam()))).as(DAEMON)
                .isEqualTo(new ScanVerdict.Clean("rspamd"));
    }

    @Test
    void theEnvelopeReachesRspamd() {
        // every message is "spam" at a reject score of -1000, which shows the symbols that fired
        RspamdScanner showingSymbols = new RspamdScanner(RSPAMD, TIMEOUT, OptionalDouble.of(-1000));
        ScanRequest toSomeoneElse = new ScanRequest(TestMessages.clean(), TestMessages.CLIENT_IP,
                "mail.example.com", TestMessages.SENDER, List.of("carol@example.net"), null, "4ZkT2v0Qp2");

        assertThat(showingSymbols.scan(toSomeoneElse)).as(DAEMON)
                .isInstanceOfSatisfying(ScanVerdict.Spam.class, spam -> assertThat(spam.symbols())
                        .as("Rcpt differs from To:, From equals From:")
                        .contains("FORGED_RECIPIENTS", "FROM_EQ_ENVFROM"));
    }

    @Test
    void nothingListeningIsScannerUnavailableNotAnException() {
        RspamdScanner nowhere = new RspamdScanner(URI.create("http://127.0.0.1:1"), TIMEOUT, OptionalDouble.empty());

        assertThat(nowhere.scan(TestMessages.request(TestMessages.clean())))
                .isInstanceOfSatisfying(ScanVerdict.ScannerUnavailable.class, unavailable -> {
                    assertThat(unavailable.scanner()).isEqualTo("rspamd");
                    assertThat(unavailable.reason()).startsWith("cannot connect to rspamd at http://127.0.0.1:1/checkv2")
                            .containsIgnoringCase("refused");
                });
    }

    @Test
    void anRspamdThatNeverAnswersIsUnavailableOnceTheTimeoutPasses() throws Exception {
        try (SilentPeer peer = new SilentPeer(true)) {
            RspamdScanner hanging = new RspamdScanner(URI.create("http://127.0.0.1:" + peer.port()),
                    Duration.ofMillis(300), OptionalDouble.empty());
            long started = System.nanoTime();

            ScanVerdict verdict = hanging.scan(TestMessages.request(TestMessages.clean()));

            assertThat(verdict).isEqualTo(new ScanVerdict.ScannerUnavailable("rspamd",
                    "rspamd at http://127.0.0.1:" + peer.port() + "/checkv2 did not answer within 300 ms"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void theEnvelopeTravelsInRspamdsProtocolHeaders() throws IOException {
        AtomicReference<Headers> headers = new AtomicReference<>();
        AtomicReference<String> path = new AtomicReference<>();
        AtomicReference<byte[]> body = new AtomicReference<>();
        HttpServer peer = peerAnswering(200, "{\"score\": 1.5, \"required_score\": 15, \"action\": \"no action\", \"symbols\": {}}",
                headers, path, body);
        try {
            RspamdScanner scanner = new RspamdScanner(URI.create("http://127.0.0.1:" + peer.getAddress().getPort() + "/"),
                    TIMEOUT, OptionalDouble.empty());
            byte[] message = TestMessages.clean();

            ScanVerdict verdict = scanner.scan(new ScanRequest(message, "192.0.2.10", "mail.example.com\u0007",
                    "alice@example.com", List.of("bob@example.org", "jörg@exämple.de"), "hosting-42", "4ZkT2v0Qp1"));

            assertThat(verdict).isEqualTo(new ScanVerdict.Clean("rspamd"));
            assertThat(path.get()).isEqualTo("/checkv2");
            assertThat(body.get()).isEqualTo(message);
            assertThat(headers.get().getFirst("IP")).isEqualTo("192.0.2.10");
            assertThat(headers.get().getFirst("Helo")).as("control characters dropped").isEqualTo("mail.example.com");
            assertThat(headers.get().getFirst("From")).isEqualTo("alice@example.com");
            assertThat(headers.get().get("Rcpt")).as("one header per recipient; java.net.http sends US-ASCII only")
                    .containsExactly("bob@example.org", "j?rg@xn--exmple-cua.de");
            assertThat(headers.get().getFirst("User")).isEqualTo("hosting-42");
            assertThat(headers.get().getFirst("Queue-Id")).isEqualTo("4ZkT2v0Qp1");
        } finally {
            peer.stop(0);
        }
    }

    @Test
    void unknownFieldsAreLeftOutAndTheNullSenderIsSentAsAngleBrackets() throws IOException {
        AtomicReference<Headers> headers = new AtomicReference<>();
        HttpServer peer = peerAnswering(200, "{\"score\": 0, \"action\": \"no action\"}", headers,
                new AtomicReference<>(), new AtomicReference<>());
        try {
            RspamdScanner scanner = new RspamdScanner(URI.create("http://127.0.0.1:" + peer.getAddress().getPort()),
                    TIMEOUT, OptionalDouble.empty());

            scanner.scan(new ScanRequest(TestMessages.clean(), null, null, "", List.of("bob@example.org"), null, null));

            assertThat(headers.get().getFirst("From")).isEqualTo("<>");
            assertThat(headers.get()).doesNotContainKeys("IP", "Helo", "User", "Queue-Id");
        } finally {
            peer.stop(0);
        }
    }

    @Test
    void rspamdsErrorsAndUnreadableRepliesAreScannerUnavailable() {
        assertThat(rspamd.verdictFor(500, bytes("{\"error\": \"cannot parse input\"}"))).isEqualTo(unavailable(
                "rspamd at http://127.0.0.1:11333/checkv2 answered HTTP 500: cannot parse input"));
        assertThat(rspamd.verdictFor(502, bytes("<html>Bad gateway</html>"))).isEqualTo(unavailable(
                "rspamd at http://127.0.0.1:11333/checkv2 answered HTTP 502: '<html>Bad gateway</html>'"));
        assertThat(rspamd.verdictFor(200, bytes("pong"))).isEqualTo(unavailable(
                "rspamd's reply is not JSON: 'pong'"));
        assertThat(rspamd.verdictFor(200, bytes("{\"is_skipped\": false}"))).isEqualTo(unavailable(
                "rspamd's reply has no score or action: '{\"is_skipped\": false}'"));
    }

    @Test
    void spamListsTheSymbolsThatFiredHighestScoreFirst() {
        String reply = """
                {"score": 16.2, "required_score": 15.0, "action": "reject", "symbols": {
                  "MIME_GOOD": {"name": "MIME_GOOD", "score": -0.1},
                  "BAYES_SPAM": {"name": "BAYES_SPAM", "score": 5.1},
                  "R_SPF_FAIL": {"name": "R_SPF_FAIL", "score": 1.0},
                  "ARC_NA": {"name": "ARC_NA", "score": 0.0}}}""";

        assertThat(rspamd.verdictFor(200, bytes(reply))).isEqualTo(new ScanVerdict.Spam(16.2, 15.0, "reject",
                List.of("BAYES_SPAM", "R_SPF_FAIL", "ARC_NA", "MIME_GOOD")));
    }

    @Test
    void impossibleSettingsAreRefusedAtConstruction() {
        assertThatThrownBy(() -> new RspamdScanner(URI.create("tcp://127.0.0.1:11333"), TIMEOUT, OptionalDouble.empty()))
                .hasMessageContaining("http://host:port");
        assertThatThrownBy(() -> new RspamdScanner(RSPAMD, Duration.ZERO, OptionalDouble.empty()))
                .hasMessageContaining("timeout");
        assertThatThrownBy(() -> new RspamdScanner(RSPAMD, TIMEOUT, OptionalDouble.of(Double.NaN)))
                .hasMessageContaining("reject score");
    }

    private static HttpServer peerAnswering(int status, String reply, AtomicReference<Headers> headers,
                                            AtomicReference<String> path, AtomicReference<byte[]> body)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            headers.set(exchange.getRequestHeaders());
            path.set(exchange.getRequestURI().getPath());
            body.set(exchange.getRequestBody().readAllBytes());
            byte[] answer = bytes(reply);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ScanVerdict unavailable(String reason) {
        return new ScanVerdict.ScannerUnavailable("rspamd", reason);
    }
}
