package org.ledgermta.api.replay;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/replay} (operator token): rebuilds the views and answers with its progress as it
 * happens, {@code text/plain}, one line per report, flushed at once (chunked), so {@code ledgermta-admin
 * replay} shows it live. The last line starts with {@code done:} when the replay is clean,
 * {@code finished with warnings:} or {@code failed:} otherwise; the status is 200 as soon as the replay
 * starts, since it is sent before the outcome is known. A replay already running: 409.
 */
@RestController
class ReplayController {

    static final String PATH = "/api/v1/replay";

    private static final Logger log = LoggerFactory.getLogger(ReplayController.class);

    private final ReplayService replays;

    ReplayController(ReplayService replays) {
        this.replays = replays;
    }

    @PostMapping(PATH)
    void replay(HttpServletResponse response) throws IOException {
        Lines lines = new Lines(response);
        try {
            ReplayResult result = replays.replay(progress -> lines.send(progress.describe()));
            result.describe().forEach(lines::send);
        } catch (ReplayAlreadyRunningException e) {
            throw e;
        } catch (RuntimeException e) {
            if (!lines.started()) {
                throw e;
            }
            // the views are part-built: say so on the stream, whose status went out with the first line
            log.error("Replay failed", e);
            lines.send("failed: " + e + "; the views are incomplete until a replay finishes with 'done:'.");
        }
    }

    @ExceptionHandler
    ResponseEntity<Map<String, String>> alreadyRunning(ReplayAlreadyRunningException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler
    ResponseEntity<Map<String, String>> storeDown(RuntimeException e) {
        log.error("Replay could not start", e);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error", "The replay could not "
                + "start: " + e.getMessage() + " Nothing was changed; try again once the store answers."));
    }

    /** Writes a line and flushes it; a client that went away does not stop the replay, which must finish. */
    private static final class Lines {

        private final HttpServletResponse response;
        private OutputStream out;
        private boolean clientGone;

        Lines(HttpServletResponse response) {
            this.response = response;
        }

        boolean started() {
            return out != null;
        }

        void send(String line) {
            if (clientGone) {
                return;
            }
            try {
                if (out == null) {
                    response.setContentType("text/plain;charset=UTF-8");
                    out = response.getOutputStream();
                }
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                clientGone = true;
                log.info("Replay client went away ({}); the replay goes on", e.toString());
            }
        }
    }
}
