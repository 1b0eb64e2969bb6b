package org.ledgermta.api.forensics;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/ledger/timings?since=<ISO-8601 instant>} (operator token): events recorded per second and
 * accept→delivered latency of the messages accepted since then, from the ledger. Without {@code since}, the
 * last hour. It reads every event of the period, so keep the period to what you want to look at.
 */
@RestController
class LedgerTimingsController {

    static final String PATH = "/api/v1/ledger/timings";

    private final LedgerTimings timings;

    LedgerTimingsController(LedgerTimings timings) {
        this.timings = timings;
    }

    @GetMapping(PATH)
    LedgerTimings.Report timings(@RequestParam(required = false) String since) {
        return timings.since(since == null ? Instant.now().minusSeconds(3600) : Instant.parse(since));
    }

    @ExceptionHandler
    ResponseEntity<Map<String, String>> badInstant(DateTimeParseException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("error", "since must be an ISO-8601 instant "
                + "such as 2026-11-29T10:00:00Z, was '" + e.getParsedString() + "'."));
    }
}
