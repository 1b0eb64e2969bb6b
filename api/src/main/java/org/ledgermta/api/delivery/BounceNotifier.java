package org.ledgermta.api.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.ledgermta.delivery.body.MessageBodyStore;
import org.ledgermta.delivery.dsn.DeliveryStatusNotification;
import org.ledgermta.delivery.dsn.DsnKind;
import org.ledgermta.delivery.dsn.DsnRequest;
import org.ledgermta.delivery.dsn.RecipientStatus;
import org.ledgermta.domain.CommandRefusedException;
import org.ledgermta.domain.IntakeRoute;
import org.ledgermta.domain.ReversePath;
import org.ledgermta.domain.message.AcceptMessageCommand;
import org.ledgermta.domain.message.MessageBody;
import org.ledgermta.domain.message.MessageBouncedEvent;
import org.ledgermta.domain.message.MessageDeliveredEvent;
import org.ledgermta.domain.message.MessageExpiredEvent;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.RecordBounceNotificationCommand;
import org.ledgermta.projections.queue.QueueEntry;
import org.ledgermta.projections.queue.QueueView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a message is finished with failed recipients (bounced, or expired), one delivery status
 * notification (RFC 3464) goes to its envelope sender from {@code <>}, queued and delivered like any
 * message. Never for a null sender: that is what keeps two relays from bouncing bounces forever
 * (RFC 5321 §4.5.5). The DSN's queue id is derived from the message's, so issuing it twice is refused by
 * the ledger instead of sending two.
 */
public final class BounceNotifier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BounceNotifier.class);
    private static final Pattern ENHANCED_CODE = Pattern.compile("^\\d{3} ([45]\\.\\d{1,3}\\.\\d{1,3})\\b");

    private final QueueView queue;
    private final MessageBodyStore bodies;
    private final CommandGateway commands;
    private final String hostname;
    private final Duration maxAge;
    private final Clock clock;
    private final ExecutorService notifier = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("bounce-notifier").factory());

    public BounceNotifier(QueueView queue, MessageBodyStore bodies, CommandGateway commands, String hostname,
                          Duration maxAge, Clock clock) {
        this.queue = queue;
        this.bodies = bodies;
        this.commands = commands;
        this.hostname = hostname;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @EventHandler
    void on(MessageBouncedEvent event) {
        later(event.messageId());
    }

    @EventHandler
    void on(MessageDeliveredEvent event) {
        later(event.messageId()); // the last recipients delivered may finish a message that had bounces
    }

    @EventHandler
    void on(MessageExpiredEvent event) {
        later(event.messageId());
    }

    private void later(MessageId messageId) {
        Runnable check = () -> notifier.execute(() -> notifyIfFinishedWithFailures(messageId));
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> check.run());
        } else {
            check.run();
        }
    }

    void notifyIfFinishedWithFailures(MessageId messageId) {
        QueueEntry entry = queue.find(messageId).orElse(null);
        if (entry == null || entry.bounced().isEmpty() || entry.sender().nullPath()
                || !(entry.state() == QueueEntry.State.BOUNCED || entry.state() == QueueEntry.State.EXPIRED)) {
            return;
        }
        try {
            issue(entry);
        } catch (RuntimeException e) {
            log.error("DSN for {} not issued: {}", messageId.value(), e.toString());
        }
    }

    private void issue(QueueEntry entry) {
        Instant now = clock.instant();
        MessageId dsnId = MessageId.of(entry.messageId().value() + "-DSN");
        if (queue.find(dsnId).isPresent()) {
            return; // issued before (the bounce and the last delivery of a message can both ask)
        }
        boolean expired = entry.state() == QueueEntry.State.EXPIRED;
        List<RecipientStatus> recipients = entry.bounced().stream()
                .map(bounced -> new RecipientStatus(bounced.recipient().value(),
                        expired ? "4.4.7" : statusOf(bounced.reply()), bounced.reply(), null, null))
                .toList();
        byte[] original = bodies.load(entry.body()).orElse(new byte[0]);
        String dsnMessageId = "<" + dsnId.value() + "@" + hostname + ">";
        byte[] dsn = DeliveryStatusNotification.build(new DsnRequest(hostname, dsnMessageId,
                entry.messageId().value(), entry.sender().value(), entry.acceptedAt(), now,
                expired ? DsnKind.EXPIRED : DsnKind.FAILED, recipients, original));
        MessageBody body = bodies.store(dsn, now);
        try {
            commands.sendAndWait(new AcceptMessageCommand(dsnId, entry.account(), ReversePath.nullSender(),
                    List.of(entry.sender().address().orElseThrow()), body, dsnMessageId,
                    "Mail Delivery System <MAILER-DAEMON@" + hostname + ">", "", IntakeRoute.BOUNCE, now,
                    now.plus(maxAge)));
            commands.sendAndWait(new RecordBounceNotificationCommand(entry.messageId(), dsnId, now));
            log.info("DSN {} queued to <{}> for {} ({} recipients)", dsnId.value(), entry.sender().value(),
                    entry.messageId().value(), recipients.size());
        } catch (CommandRefusedException alreadyIssued) {
            log.debug("DSN for {} already issued: {}", entry.messageId().value(), alreadyIssued.getMessage());
        }
    }

    private static String statusOf(String reply) {
        Matcher matcher = ENHANCED_CODE.matcher(reply == null ? "" : reply);
        if (matcher.find() && matcher.group(1).startsWith("5")) {
            return matcher.group(1);
        }
        return "5.0.0";
    }

    @Override
    public void close() {
        notifier.shutdown();
    }
}
