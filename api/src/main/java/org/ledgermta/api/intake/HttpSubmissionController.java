package org.ledgermta.api.intake;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ledgermta.api.account.PasswordHasher;
import org.ledgermta.api.smtp.SmtpProperties;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.IntakeRoute;
import org.ledgermta.domain.ReversePath;
import org.ledgermta.domain.message.SmtpReply;
import org.ledgermta.projections.account.AccountDirectory;
import org.ledgermta.projections.account.AccountView;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * HTTP submission: the same checks and the same durability rule as SMTP. Authenticated per account with
 * HTTP Basic (the account name and its password). The message is either the raw RFC 5322 bytes
 * ({@code Content-Type: message/rfc822}, envelope in {@code X-Envelope-From} / {@code X-Envelope-To}) or
 * JSON {@code {"from": "...", "to": ["..."], "message": "<raw RFC 5322 text>"}}.
 */
@RestController
public class HttpSubmissionController {

    static final String PATH = "/api/v1/messages";

    private final IntakePipeline pipeline;
    private final AccountDirectory accounts;
    private final PasswordHasher hasher;
    private final long maxMessageBytes;

    public HttpSubmissionController(IntakePipeline pipeline, AccountDirectory accounts, PasswordHasher hasher,
                                    SmtpProperties smtp) {
        this.pipeline = pipeline;
        this.accounts = accounts;
        this.hasher = hasher;
        this.maxMessageBytes = smtp.maxMessageSize().toBytes();
    }

    public record JsonSubmission(String from, List<String> to, String message) {
    }

    @PostMapping(path = PATH, consumes = "message/rfc822")
    ResponseEntity<Map<String, Object>> submitRaw(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestHeader(name = "X-Envelope-From", required = false) String from,
            @RequestHeader(name = "X-Envelope-To", required = false) List<String> to,
            @RequestBody(required = false) byte[] message, HttpServletRequest request) {
        List<String> recipients = new ArrayList<>();
        if (to != null) {
            to.forEach(header -> List.of(header.split(",")).forEach(rcpt -> recipients.add(rcpt.strip())));
        }
        return submit(authorization, from, recipients, message, request);
    }

    @PostMapping(path = PATH, consumes = "application/json")
    ResponseEntity<Map<String, Object>> submitJson(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody JsonSubmission submission, HttpServletRequest request) {
        byte[] message = submission.message() == null ? null
                : submission.message().replaceAll("\r?\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        return submit(authorization, submission.from(), submission.to() == null ? List.of() : submission.to(),
                message, request);
    }

    private ResponseEntity<Map<String, Object>> submit(String authorization, String from, List<String> to,
                                                       byte[] message, HttpServletRequest request) {
        Optional<AccountView> account = authenticate(authorization);
        if (account.isEmpty()) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"ledgermta\", charset=\"UTF-8\"")
                    .body(error("Authenticate with HTTP Basic: the account name and its password."));
        }
        if (from == null) {
            return badRequest("The envelope sender is missing: send X-Envelope-From (empty or <> for a null sender)"
                    + " or \"from\" in JSON.");
        }
        ReversePath sender;
        List<EmailAddress> recipients = new ArrayList<>();
        try {
            String bare = from.strip();
            if (bare.startsWith("<") && bare.endsWith(">")) {
                bare = bare.substring(1, bare.length() - 1);
            }
            sender = new ReversePath(bare);
            for (String rcpt : to) {
                String address = rcpt.startsWith("<") && rcpt.endsWith(">") ? rcpt.substring(1, rcpt.length() - 1) : rcpt;
                if (!address.isEmpty()) {
                    EmailAddress recipient = new EmailAddress(address);
                    if (!recipients.contains(recipient)) {
                        recipients.add(recipient);
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            return badRequest("Bad envelope address: " + e.getMessage());
        }
        if (recipients.isEmpty()) {
            return badRequest("No recipients: send X-Envelope-To (comma-separated) or \"to\" in JSON.");
        }
        if (message == null || message.length == 0) {
            return badRequest("The message is empty: send the raw RFC 5322 message as the body.");
        }
        if (message.length > maxMessageBytes) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .body(error("The message is " + message.length + " bytes; the limit is " + maxMessageBytes + "."));
        }
        String clientIp = request.getRemoteAddr();
        IntakeOutcome admitted = pipeline.admitRecipients(account, clientIp, sender, recipients);
        if (admitted instanceof IntakeOutcome.Refused refused) {
            return refusal(refused.reply());
        }
        IntakeOutcome outcome = pipeline.accept(new Submission(account.get(), clientIp, null, IntakeRoute.HTTP,
                request.isSecure(), true, sender, recipients, message));
        return switch (outcome) {
            case IntakeOutcome.Accepted accepted -> ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of(
                    "queueId", accepted.queueId().value(),
                    "status", "queued",
                    "smtpReply", accepted.reply().toString()));
            case IntakeOutcome.Refused refused -> refusal(refused.reply());
            case IntakeOutcome.Passed passed -> throw new IllegalStateException("the pipeline neither accepted nor refused");
        };
    }

    private Optional<AccountView> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = credentials.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String name = credentials.substring(0, colon);
        String password = credentials.substring(colon + 1);
        try {
            return accounts.find(new AccountId(name))
                    .filter(account -> !account.suspended() && account.passwordHash() != null)
                    .filter(account -> hasher.verify(password, account.passwordHash()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** SMTP reply classes mapped onto HTTP: try later (429/503) versus refused for good (422). */
    private static ResponseEntity<Map<String, Object>> refusal(SmtpReply reply) {
        HttpStatus status;
        String retryAfter = null;
        if (reply.code() >= 500) {
            status = HttpStatus.UNPROCESSABLE_CONTENT;
        } else if ("4.7.1".equals(reply.enhancedCode())) {
            status = HttpStatus.TOO_MANY_REQUESTS;
            retryAfter = "60";
        } else {
            status = HttpStatus.SERVICE_UNAVAILABLE;
            retryAfter = "30";
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
        if (retryAfter != null) {
            response.header(HttpHeaders.RETRY_AFTER, retryAfter);
        }
        return response.body(Map.of("error", reply.text(), "smtpReply", reply.toString()));
    }

    private static ResponseEntity<Map<String, Object>> badRequest(String sentence) {
        return ResponseEntity.badRequest().body(error(sentence));
    }

    private static Map<String, Object> error(String sentence) {
        return Map.of("error", sentence);
    }
}
