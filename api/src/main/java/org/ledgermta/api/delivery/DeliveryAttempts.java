package org.ledgermta.api.delivery;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.ledgermta.api.egress.EgressGate;
import org.ledgermta.delivery.body.MessageBodyStore;
import org.ledgermta.delivery.dns.DeliveryRoutes;
import org.ledgermta.delivery.dns.Destination;
import org.ledgermta.delivery.dns.RouteResolution;
import org.ledgermta.delivery.smtp.OutboundEnvelope;
import org.ledgermta.delivery.smtp.RecipientReply;
import org.ledgermta.delivery.smtp.SmtpDelivery;
import org.ledgermta.delivery.smtp.TransactionResult;
import org.ledgermta.domain.DomainName;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.classification.Classification;
import org.ledgermta.domain.classification.ReplyClassifier;
import org.ledgermta.domain.egress.BlacklistEgressIpCommand;
import org.ledgermta.domain.egress.BackOffEgressIpCommand;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.message.ExpireMessageCommand;
import org.ledgermta.domain.message.PostponeDeliveryCommand;
import org.ledgermta.domain.message.RecipientOutcome;
import org.ledgermta.domain.message.RecipientResult;
import org.ledgermta.domain.message.RecordDeliveryAttemptCommand;
import org.ledgermta.domain.message.SmtpReply;
import org.ledgermta.domain.provider.ProviderName;
import org.ledgermta.projections.egress.EgressPool;
import org.ledgermta.projections.egress.EgressIpView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt of one message: per recipient domain, a route, an egress IP chosen by the pure policy, the
 * SMTP transaction, each reply classified by the rule table, and the outcome recorded with one command.
 * A block-listing reply also blacklists the IP, which takes it out of the pool for every message at once.
 */
public final class DeliveryAttempts {

    private static final Logger log = LoggerFactory.getLogger(DeliveryAttempts.class);

    /** What the dispatcher does with the message next. */
    sealed interface Outcome {
        /** Every recipient is delivered or bounced, or the message expired. */
        record Finished() implements Outcome {
        }

        /** Some recipients are left; the ledger schedules their retry. */
        record Pending(DeliveryJob job) implements Outcome {
        }

        /** No healthy egress IP at all: wait until one is added or reinstated. */
        record WaitingForIp(DeliveryJob job) implements Outcome {
        }

        /** Some recipients wait for an egress IP to be free for their provider: try again at retryAt. */
        record Postponed(DeliveryJob job, Instant retryAt) implements Outcome {
        }
    }

    private final DeliveryRoutes routes;
    private final SmtpDelivery smtp;
    private final EgressPool pool;
    private final EgressGate gate;
    private final MessageBodyStore bodies;
    private final CommandGateway commands;
    private final ReplyClassifier classifier;
    private final Clock clock;

    public DeliveryAttempts(DeliveryRoutes routes, SmtpDelivery smtp, EgressPool pool, EgressGate gate,
                            MessageBodyStore bodies, CommandGateway commands, ReplyClassifier classifier, Clock clock) {
        this.routes = routes;
        this.smtp = smtp;
        this.pool = pool;
        this.gate = gate;
        this.bodies = bodies;
        this.commands = commands;
        this.classifier = classifier;
        this.clock = clock;
    }

    Outcome attempt(DeliveryJob job) {
        Instant now = clock.instant();
        if (!now.isBefore(job.expiresAt())) {
            commands.sendAndWait(new ExpireMessageCommand(job.messageId(), now));
            return new Outcome.Finished();
        }
        byte[] content = bodies.load(job.body()).orElseThrow(() -> new IllegalStateException(
                "the body " + job.body().sha256() + " of message " + job.messageId().value() + " is missing"));
        DeliveryJob current = job;
        Instant postponedUntil = null;
        for (Map.Entry<DomainName, List<EmailAddress>> leg : byDomain(job.pending()).entrySet()) {
            switch (deliverLeg(current, leg.getKey(), leg.getValue(), content)) {
                case Leg.WaitForIp wait -> {
                    return new Outcome.WaitingForIp(current);
                }
                case Leg.Postponed postponed -> postponedUntil = postponedUntil == null
                        || postponed.retryAt().isBefore(postponedUntil) ? postponed.retryAt() : postponedUntil;
                case Leg.Attempted attempted -> current = current.afterAttempt(attempted.ip(), attempted.settled());
            }
        }
        if (current.pending().isEmpty()) {
            return new Outcome.Finished();
        }
        return postponedUntil == null ? new Outcome.Pending(current) : new Outcome.Postponed(current, postponedUntil);
    }

    /** What became of one recipient domain's leg. */
    private sealed interface Leg {
        record Attempted(EgressIpAddress ip, List<EmailAddress> settled) implements Leg {
        }

        record WaitForIp() implements Leg {
        }

        record Postponed(Instant retryAt) implements Leg {
        }
    }

    private Leg deliverLeg(DeliveryJob job, DomainName domain, List<EmailAddress> recipients, byte[] content) {
        Instant started = clock.instant();
        // the pool first: with no healthy IP the message waits, and no DNS question is asked for nothing
        if (!gate.anyHealthyIp()) {
            return new Leg.WaitForIp();
        }
        RouteResolution route = routes.resolve(domain);
        List<Destination> destinations;
        switch (route) {
            case RouteResolution.Destinations found -> destinations = found.inOrder();
            case RouteResolution.NoMailAccepted none -> {
                // RFC 7505 §4.2: a null MX means the domain accepts no mail
                return record(job, null, null, null, null, null, false, started, all(recipients,
                        new SmtpReply(556, "5.1.10", "Recipient domain " + domain.value() + " accepts no mail: " + none.reason()),
                        RecipientOutcome.BOUNCED));
            }
            case RouteResolution.DomainDoesNotExist missing -> {
                return record(job, null, null, null, null, null, false, started, all(recipients,
                        new SmtpReply(550, "5.1.2", "Recipient domain " + domain.value() + " does not exist: " + missing.reason()),
                        RecipientOutcome.BOUNCED));
            }
            case RouteResolution.TemporaryFailure failure -> {
                return record(job, null, null, null, null, null, false, started, all(recipients,
                        new SmtpReply(451, "4.4.3", "MX look-up for " + domain.value() + " failed: " + failure.reason()),
                        RecipientOutcome.DEFERRED));
            }
        }
        // the provider is the MX's: several domains hosted at one provider share its limits
        String mxHost = destinations.getFirst().host();
        ProviderName provider = gate.providers().providerOf(mxHost);
        EgressGate.Permit permit;
        EgressIpAddress ip;
        switch (gate.acquire(provider, mxHost, job.ipsTried(), started)) {
            case EgressGate.Pass.NoHealthyIp none -> {
                return new Leg.WaitForIp();
            }
            case EgressGate.Pass.Busy busy -> {
                return new Leg.Postponed(busy.retryAt());
            }
            case EgressGate.Pass.Held held -> {
                commands.sendAndWait(new PostponeDeliveryCommand(job.messageId(), domain, provider, held.reason(),
                        held.retryAt(), started));
                return new Leg.Postponed(held.retryAt());
            }
            case EgressGate.Pass.Granted granted -> {
                ip = granted.ip();
                permit = granted.permit();
            }
        }
        try {
            return transact(job, provider, ip, permit, destinations, recipients, content, started);
        } finally {
            permit.notAttempted(); // a no-op once the attempt was recorded
        }
    }

    private Leg transact(DeliveryJob job, ProviderName provider, EgressIpAddress ip, EgressGate.Permit permit,
                         List<Destination> destinations, List<EmailAddress> recipients, byte[] content,
                         Instant started) {
        String helo = pool.find(ip).map(EgressIpView::heloName).orElse("localhost");
        int perConnection = gate.providers().shaping(provider).messagesPerConnection();
        OutboundEnvelope envelope = new OutboundEnvelope(job.sender().value(),
                recipients.stream().map(EmailAddress::value).toList(), content);
        TransactionResult result = null;
        for (Destination destination : destinations) {
            result = smtp.deliver(inet(ip), helo, destination.host(),
                    new InetSocketAddress(destination.address(), destination.port()), envelope, perConnection);
            if (result instanceof TransactionResult.Completed) {
                break; // RFC 5321 §5.1: the next MX only when this one could not be reached
            }
        }
        List<RecipientResult> results = new ArrayList<>();
        List<Classification> blocks = new ArrayList<>();
        String mxHost;
        String mxAddress;
        boolean tls = false;
        switch (result) {
            case TransactionResult.Completed completed -> {
                mxHost = completed.mxHost();
                mxAddress = completed.mxAddress();
                tls = completed.tls();
                for (RecipientReply reply : completed.recipients()) {
                    Classification classification = classifier.classify(reply.reply());
                    results.add(new RecipientResult(new EmailAddress(reply.recipient()), reply.reply(),
                            classification.outcome()));
                    if (classification.outcome() == RecipientOutcome.EGRESS_BLOCKED) {
                        blocks.add(classification);
                    }
                }
            }
            case TransactionResult.ConnectionFailed failed -> {
                mxHost = failed.mxHost();
                mxAddress = failed.mxAddress();
                Classification classification = classifier.classify(failed.reply());
                RecipientOutcome outcome = classification.outcome() == RecipientOutcome.DELIVERED
                        ? RecipientOutcome.DEFERRED : classification.outcome();
                recipients.forEach(recipient -> results.add(new RecipientResult(recipient, failed.reply(), outcome)));
                if (outcome == RecipientOutcome.EGRESS_BLOCKED) {
                    blocks.add(classification);
                }
            }
        }
        Leg leg = record(job, ip, provider, permit, mxHost, mxAddress, tls, started, results);
        backOffIfAsked(job, ip, provider, results);
        if (!blocks.isEmpty()) {
            Classification block = blocks.getFirst();
            SmtpReply reply = results.stream().filter(r -> r.outcome() == RecipientOutcome.EGRESS_BLOCKED)
                    .findFirst().orElseThrow().reply();
            log.warn("egress IP {} blacklisted: {} said {}", ip.value(), mxHost, reply);
            commands.sendAndWait(new BlacklistEgressIpCommand(ip, job.messageId(), job.attempts() + 1,
                    block.provider() == null || block.provider().isBlank() ? "unknown" : block.provider(), reply,
                    clock.instant()));
        }
        return leg;
    }

    /** {@code permit}: the gate's, when an egress IP was used (null when no connection was made). */
    private Leg record(DeliveryJob job, EgressIpAddress ip, ProviderName provider, EgressGate.Permit permit,
                       String mxHost, String mxAddress, boolean tls, Instant started, List<RecipientResult> results) {
        Instant now = clock.instant();
        RecordDeliveryAttemptCommand command = new RecordDeliveryAttemptCommand(job.messageId(), ip, mxHost,
                mxAddress, tls, Duration.between(started, now), results, now, provider);
        if (permit == null) {
            commands.sendAndWait(command);
        } else {
            permit.recordAttempt(() -> commands.sendAndWait(command));
        }
        List<EmailAddress> settled = results.stream()
                .filter(r -> r.outcome() == RecipientOutcome.DELIVERED || r.outcome() == RecipientOutcome.BOUNCED)
                .map(RecipientResult::recipient).toList();
        return new Leg.Attempted(ip, settled);
    }

    /** A deferral the provider's back-off rules know slows this IP down towards that provider (only). */
    private void backOffIfAsked(DeliveryJob job, EgressIpAddress ip, ProviderName provider,
                                List<RecipientResult> results) {
        results.stream()
                .filter(result -> result.outcome() == RecipientOutcome.DEFERRED)
                .flatMap(result -> gate.providers().backOffFor(provider, result.reply())
                        .map(rule -> new BackOffEgressIpCommand(ip, provider, result.reply(), rule.describe(),
                                rule.ratePerMinute(), rule.stepDuration(), rule.steps(), job.messageId(),
                                clock.instant())).stream())
                .findFirst()
                .ifPresent(command -> {
                    log.warn("egress IP {} backs off towards {}: {}", ip.value(), provider, command.reply());
                    commands.sendAndWait(command);
                });
    }

    private static List<RecipientResult> all(List<EmailAddress> recipients, SmtpReply reply, RecipientOutcome outcome) {
        return recipients.stream().map(recipient -> new RecipientResult(recipient, reply, outcome)).toList();
    }

    private static Map<DomainName, List<EmailAddress>> byDomain(List<EmailAddress> recipients) {
        Map<DomainName, List<EmailAddress>> legs = new LinkedHashMap<>();
        recipients.forEach(recipient -> legs.computeIfAbsent(recipient.domain(), d -> new ArrayList<>()).add(recipient));
        return legs;
    }

    private static InetAddress inet(EgressIpAddress ip) {
        try {
            return InetAddress.getByName(ip.value()); // a literal: no look-up is made
        } catch (UnknownHostException e) {
            throw new IllegalStateException("egress IP " + ip.value() + " is not an address literal", e);
        }
    }
}
