package org.ledgermta.api.intake;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.ledgermta.delivery.body.MessageBodyStore;
import org.ledgermta.delivery.limit.RedisVolumeCounter;
import org.ledgermta.delivery.limit.VolumeCheck;
import org.ledgermta.delivery.scan.ScanRequest;
import org.ledgermta.delivery.scan.ScanVerdict;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.DomainName;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.IntakeRoute;
import org.ledgermta.domain.ReversePath;
import org.ledgermta.domain.account.MessageRejectedEvent;
import org.ledgermta.domain.account.RejectionReason;
import org.ledgermta.domain.message.AcceptMessageCommand;
import org.ledgermta.domain.message.MessageBody;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.SmtpReply;
import org.ledgermta.projections.account.AccountDirectory;
import org.ledgermta.projections.account.AccountView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks every route into the queue goes through, in order: who may relay, volume limits, content
 * scanners, then the body is stored and the accept recorded. Only when that record is durable does the
 * caller get its positive reply.
 */
public final class IntakePipeline {

    private static final Logger log = LoggerFactory.getLogger(IntakePipeline.class);
    private static final DateTimeFormatter RFC_5322_DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    static final SmtpReply RELAY_DENIED = new SmtpReply(550, "5.7.1",
            "Relaying denied: this client is not in an account's allowed networks and has not authenticated");
    static final SmtpReply STORE_UNAVAILABLE = new SmtpReply(451, "4.3.0",
            "The message queue is unavailable right now; nothing was stored, try again later");
    static final SmtpReply LIMITS_UNAVAILABLE = new SmtpReply(451, "4.3.0",
            "Volume limits cannot be checked right now (Redis unreachable); try again later");

    private final AccountDirectory accounts;
    private final RedisVolumeCounter volume;
    private final List<ScanPolicy> scanners;
    private final MessageBodyStore bodies;
    private final MessageSigning signing;
    private final CommandGateway commands;
    private final EventGateway events;
    private final IntakeProperties properties;
    private final String hostname;
    private final QueueIds queueIds = new QueueIds();
    private final Clock clock;

    public IntakePipeline(AccountDirectory accounts, RedisVolumeCounter volume, List<ScanPolicy> scanners,
                          MessageBodyStore bodies, MessageSigning signing, CommandGateway commands,
                          EventGateway events, IntakeProperties properties, String hostname, Clock clock) {
        this.signing = signing;
        this.accounts = accounts;
        this.volume = volume;
        this.scanners = List.copyOf(scanners);
        this.bodies = bodies;
        this.commands = commands;
        this.events = events;
        this.properties = properties;
        this.hostname = hostname;
        this.clock = clock;
    }

    public String hostname() {
        return hostname;
    }

    /** The account this client relays for: the one it authenticated as, else the one owning its network. */
    public Optional<AccountView> relayAccount(String clientIp, Optional<String> authenticatedAs) {
        if (authenticatedAs.isPresent()) {
            return accounts.find(new AccountId(authenticatedAs.get())).filter(account -> !account.suspended());
        }
        return accounts.findByClientAddress(clientIp);
    }

    /**
     * RCPT time: relaying and volume limits. A recipient counts against the limits as soon as it is
     * accepted, as providers count recipients, not messages.
     */
    public IntakeOutcome admitRecipients(Optional<AccountView> account, String clientIp, ReversePath sender,
                                         List<EmailAddress> recipients) {
        Instant now = clock.instant();
        if (account.isEmpty()) {
            return refuse(null, clientIp, sender, recipients, RELAY_DENIED, RejectionReason.RELAY_DENIED, now);
        }
        AccountView relayAs = account.get();
        VolumeCheck check = volume.tryConsume(relayAs.id().value(), relayAs.limits(), recipients.size(), now);
        return switch (check) {
            case VolumeCheck.Counted counted -> new IntakeOutcome.Passed();
            case VolumeCheck.OverLimit over -> refuse(relayAs.id().value(), clientIp, sender, recipients,
                    new SmtpReply(451, "4.7.1", over.exceeded().sentence(relayAs.id().value())),
                    RejectionReason.OVER_LIMIT, now);
            case VolumeCheck.CounterUnavailable unavailable -> {
                log.warn("volume limits unavailable for account {}: {}", relayAs.id().value(), unavailable.reason());
                yield new IntakeOutcome.Refused(LIMITS_UNAVAILABLE, RejectionReason.POLICY);
            }
        };
    }

    /** After DATA: scan, store, record. The reply is positive only once the accept is durable. */
    public IntakeOutcome accept(Submission submission) {
        Instant now = clock.instant();
        MessageId queueId = queueIds.next(now);
        String account = submission.account().id().value();
        HeaderFacts facts = HeaderFacts.of(submission.content());
        String messageIdHeader = facts.messageId() != null ? facts.messageId() : "<" + queueId.value() + "@" + hostname + ">";
        byte[] content = withTraceHeaders(submission, queueId, facts.messageId() == null ? messageIdHeader : null, now);

        IntakeOutcome scanned = scan(submission, queueId, content, now);
        if (scanned instanceof IntakeOutcome.Refused) {
            return scanned;
        }
        // signed last, over exactly the bytes that are stored and sent: our trace headers included
        Optional<DomainName> fromDomain = facts.fromDomain(); // parsed once: mime4j's parser is not cheap
        MessageSigning.Result signed = signing.sign(submission.account(), fromDomain, content, now);
        AcceptMessageCommand.SigningSkipped signingSkipped = null;
        switch (signed) {
            case MessageSigning.Result.Signed withSignature -> content = withSignature.message();
            case MessageSigning.Result.Unsigned unsigned -> signingSkipped = new AcceptMessageCommand.SigningSkipped(
                    fromDomain.map(DomainName::value).orElse(null), unsigned.reason());
            case MessageSigning.Result.Refused refused -> {
                return refuse(account, submission.clientIp(), submission.sender(), submission.recipients(),
                        refused.reply(), RejectionReason.POLICY, now);
            }
        }
        try {
            MessageBody body = bodies.store(content, now);
            commands.send(new AcceptMessageCommand(queueId, submission.account().id(), submission.sender(),
                    submission.recipients(), body, messageIdHeader, facts.from(), submission.clientIp(),
                    submission.route(), now, now.plus(properties.retry().maxAge()), signingSkipped))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.error("message {} from account {} not queued: {}", queueId.value(), account, e.toString());
            return new IntakeOutcome.Refused(STORE_UNAVAILABLE, RejectionReason.STORE_UNAVAILABLE);
        }
        log.info("accepted {} account={} client={} route={} sender=<{}> recipients={} size={}", queueId.value(),
                account, submission.clientIp(), submission.route(), submission.sender().value(),
                submission.recipients().size(), content.length);
        return new IntakeOutcome.Accepted(queueId, new SmtpReply(250, "2.0.0", "Ok: queued as " + queueId.value()));
    }

    private IntakeOutcome scan(Submission submission, MessageId queueId, byte[] content, Instant now) {
        ScanRequest request = new ScanRequest(content, submission.clientIp(), submission.helo(),
                submission.sender().value(), submission.recipients().stream().map(EmailAddress::value).toList(),
                submission.authenticated() ? submission.account().id().value() : null, queueId.value());
        for (ScanPolicy policy : scanners) {
            ScanVerdict verdict = policy.scanner().scan(request);
            SmtpReply refusal = null;
            RejectionReason reason = null;
            switch (verdict) {
                case ScanVerdict.Clean clean -> {
                }
                case ScanVerdict.Spam spam -> {
                    refusal = new SmtpReply(550, "5.7.1", "Message refused as spam (score %.1f, limit %.1f)"
                            .formatted(spam.score(), spam.threshold()));
                    reason = RejectionReason.SPAM;
                }
                case ScanVerdict.Virus virus -> {
                    refusal = new SmtpReply(554, "5.7.1", "Message refused: virus found (" + virus.signature() + ")");
                    reason = RejectionReason.VIRUS;
                }
                case ScanVerdict.ScannerUnavailable unavailable -> {
                    if (policy.failOpen()) {
                        log.warn("{} unavailable, message {} accepted unscanned (fail-open): {}",
                                unavailable.scanner(), queueId.value(), unavailable.reason());
                    } else {
                        refusal = new SmtpReply(451, "4.3.0", "The content scanner " + unavailable.scanner()
                                + " is unavailable; try again later");
                        reason = RejectionReason.SCANNER_UNAVAILABLE;
                    }
                }
            }
            if (refusal != null) {
                return refuse(submission.account().id().value(), submission.clientIp(), submission.sender(),
                        submission.recipients(), refusal, reason, now);
            }
        }
        return new IntakeOutcome.Passed();
    }

    private IntakeOutcome refuse(String account, String clientIp, ReversePath sender, List<EmailAddress> recipients,
                                 SmtpReply reply, RejectionReason reason, Instant now) {
        try {
            events.publish(new MessageRejectedEvent(account, clientIp, sender == null ? null : sender.value(),
                    recipients.stream().map(EmailAddress::value).toList(), reason, reply.toString(), now));
        } catch (RuntimeException e) {
            // the refusal stands even when it cannot be recorded; the log keeps it
            log.warn("refusal not recorded in the ledger ({}): {} {}", e.toString(), reason, reply);
        }
        log.info("refused account={} client={} sender=<{}> reason={} reply=\"{}\"", account, clientIp,
                sender == null ? "" : sender.value(), reason, reply);
        return new IntakeOutcome.Refused(reply, reason);
    }

    /** RFC 5321 §4.4: a relay adds a Received line; RFC 5322 §3.6.4: a message should carry a Message-ID. */
    private byte[] withTraceHeaders(Submission submission, MessageId queueId, String addedMessageId, Instant now) {
        StringBuilder headers = new StringBuilder();
        String with = (submission.route() == IntakeRoute.HTTP ? "HTTP" : "ESMTP")
                + (submission.tls() ? "S" : "") + (submission.authenticated() ? "A" : "");
        headers.append("Received: from ").append(submission.helo() == null ? "unknown" : sanitize(submission.helo()))
                .append(" ([").append(submission.clientIp()).append("])\r\n\tby ").append(hostname)
                .append(" (ledgermta) with ").append(with).append(" id ").append(queueId.value())
                .append(";\r\n\t").append(RFC_5322_DATE.format(now)).append("\r\n");
        if (addedMessageId != null) {
            headers.append("Message-ID: ").append(addedMessageId).append("\r\n");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(headers.length() + submission.content().length);
        out.writeBytes(headers.toString().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(submission.content());
        return out.toByteArray();
    }

    private static String sanitize(String helo) {
        return helo.replaceAll("[^A-Za-z0-9.\\-\\[\\]:_]", "?");
    }
}
