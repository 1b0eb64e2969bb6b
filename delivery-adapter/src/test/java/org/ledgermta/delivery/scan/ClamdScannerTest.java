package org.ledgermta.delivery.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Against the real clamd on 127.0.0.1:3310 that bin/test starts (ensure_clamd in bin/lib.sh): its only
 * signature is EICAR's, from bin/services/clamav/test.ndb, so detections end in ".UNOFFICIAL".
 */
@Timeout(30)
class ClamdScannerTest {

    private static final String DAEMON = "the clamd of bin/test on 127.0.0.1:3310 (. bin/lib.sh; ensure_clamd)";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** StreamMaxLength in bin/services/clamav/clamd.conf. */
    private static final int STREAM_MAX_LENGTH = 25 * 1024 * 1024;

    private final ClamdScanner clamd = new ClamdScanner("127.0.0.1", 3310, TIMEOUT, 64 * 1024);

    @Test
    void cleanMessageIsClean() {
        assertThat(clamd.scan(TestMessages.request(TestMessages.clean())))
                .as(DAEMON).isEqualTo(new ScanVerdict.Clean("clamd"));
    }

    @Test
    void eicarInAnAttachmentIsAVirusNamedByItsSignature() {
        ScanVerdict verdict = clamd.scan(TestMessages.request(TestMessages.eicarAttached()));

        assertThat(verdict).as(DAEMON).isInstanceOfSatisfying(ScanVerdict.Virus.class, virus ->
                assertThat(virus.signature()).containsIgnoringCase("Eicar").endsWith(".UNOFFICIAL"));
    }

    @Test
    void eicarSplitAcrossManyTinyChunksIsStillFound() {
        ClamdScanner tinyChunks = new ClamdScanner("127.0.0.1", 3310, TIMEOUT, 7);

        assertThat(tinyChunks.scan(TestMessages.request(TestMessages.eicarAttached())))
                .as(DAEMON).isInstanceOf(ScanVerdict.Virus.class);
    }

    @Test
    void aMessageLongerThanClamdsStreamLimitIsUnavailableWithClamdsReason() {
        byte[] huge = new byte[STREAM_MAX_LENGTH + 1024 * 1024];
        Arrays.fill(huge, (byte) 'a');

        assertThat(clamd.scan(ScanRequest.ofMessage(huge)))
                .as(DAEMON + " with StreamMaxLength 25M")
                .isEqualTo(new ScanVerdict.ScannerUnavailable("clamd",
                        "clamd refused the message: INSTREAM size limit exceeded"));
    }

    @Test
    void pingAnswersWhenClamdRuns() {
        assertThat(clamd.ping()).as(DAEMON).isEmpty();
    }

    @Test
    void nothingListeningIsScannerUnavailableNotAnException() {
        ClamdScanner nowhere = new ClamdScanner("127.0.0.1", 1, TIMEOUT, 64 * 1024);

        assertThat(nowhere.scan(TestMessages.request(TestMessages.clean())))
                .isInstanceOfSatisfying(ScanVerdict.ScannerUnavailable.class, unavailable -> assertThat(unavailable.reason())
                        .startsWith("cannot connect to clamd at 127.0.0.1:1").containsIgnoringCase("refused"));
        assertThat(nowhere.ping()).hasValueSatisfying(problem -> assertThat(problem).contains("127.0.0.1:1"));
    }

    @Test
    void aClamdThatNeverAnswersIsUnavailableOnceTheTimeoutPasses() throws Exception {
        try (SilentPeer peer = new SilentPeer(true)) {
            ClamdScanner hanging = new ClamdScanner("127.0.0.1", peer.port(), Duration.ofMillis(300), 64 * 1024);
            long started = System.nanoTime();

            ScanVerdict verdict = hanging.scan(TestMessages.request(TestMessages.clean()));

            assertThat(verdict).isEqualTo(new ScanVerdict.ScannerUnavailable("clamd",
                    "clamd at 127.0.0.1:" + peer.port() + " did not answer within 300 ms"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        }
    }

    @Test
    void aClamdThatStopsReadingCannotBlockTheSenderPastTheTimeout() throws Exception {
        byte[] large = new byte[20 * 1024 * 1024]; // far more than the socket buffers hold
        try (SilentPeer peer = new SilentPeer(false)) {
            ClamdScanner stuck = new ClamdScanner("127.0.0.1", peer.port(), Duration.ofMillis(300), 64 * 1024);
            long started = System.nanoTime();

            ScanVerdict verdict = stuck.scan(ScanRequest.ofMessage(large));

            assertThat(verdict).isEqualTo(new ScanVerdict.ScannerUnavailable("clamd",
                    "clamd at 127.0.0.1:" + peer.port() + " did not answer within 300 ms"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        }
    }

    /** clamd(8), INSTREAM with the "z" prefix: one NUL-terminated line per stream. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "stream: OK                                            | Clean[scanner=clamd]",
        "stream: Eicar-Test-Signature.UNOFFICIAL FOUND         | Virus[signature=Eicar-Test-Signature.UNOFFICIAL]",
        "stream: Win.Test.EICAR_HDB-1 FOUND                    | Virus[signature=Win.Test.EICAR_HDB-1]",
        "INSTREAM size limit exceeded. ERROR                   | ScannerUnavailable[scanner=clamd, reason=clamd refused the message: INSTREAM size limit exceeded]",
        "stream: Can't allocate memory ERROR                   | ScannerUnavailable[scanner=clamd, reason=clamd refused the message: Can't allocate memory]",
        "UNKNOWN COMMAND                                       | ScannerUnavailable[scanner=clamd, reason=clamd answered with something that is not a verdict: 'UNKNOWN COMMAND']",
        "\"\"                                                    | ScannerUnavailable[scanner=clamd, reason=clamd closed the connection without a verdict]",
    })
    void everyReplyOfClamdBecomesAVerdict(String reply, String verdict) {
        assertThat(ClamdScanner.verdictFor(reply)).hasToString(verdict);
    }

    @Test
    void impossibleSettingsAreRefusedAtConstruction() {
        assertThatThrownBy(() -> new ClamdScanner(" ", 3310, TIMEOUT, 1)).hasMessageContaining("host");
        assertThatThrownBy(() -> new ClamdScanner("127.0.0.1", 0, TIMEOUT, 1)).hasMessageContaining("port");
        assertThatThrownBy(() -> new ClamdScanner("127.0.0.1", 3310, Duration.ZERO, 1)).hasMessageContaining("timeout");
        assertThatThrownBy(() -> new ClamdScanner("127.0.0.1", 3310, TIMEOUT, 0)).hasMessageContaining("chunk size");
    }
}
