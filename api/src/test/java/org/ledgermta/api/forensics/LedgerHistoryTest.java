package org.ledgermta.api.forensics;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledgermta.api.LedgerApplication;
import org.ledgermta.api.SampleCommands;
import org.ledgermta.api.store.LedgerStore;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.account.CreateAccountCommand;
import org.ledgermta.domain.egress.AddEgressIpCommand;
import org.ledgermta.domain.egress.BlacklistEgressIpCommand;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.egress.PoolName;
import org.ledgermta.domain.egress.ReinstateEgressIpCommand;
import org.ledgermta.domain.egress.RetireEgressIpCommand;
import org.ledgermta.domain.limit.VolumeLimits;
import org.ledgermta.domain.message.DeliveryDeferredEvent;
import org.ledgermta.domain.message.MessageAcceptedEvent;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.RecipientOutcome;
import org.ledgermta.domain.message.RecipientResult;
import org.ledgermta.domain.message.RecordDeliveryAttemptCommand;
import org.ledgermta.domain.message.ScheduleDeliveryRetryCommand;
import org.ledgermta.domain.message.SmtpReply;
import org.ledgermta.projections.egress.EgressPool;
import org.ledgermta.projections.history.EgressIpState;
import org.ledgermta.projections.history.MessageState;
import org.ledgermta.projections.queue.QueueEntry;
import org.ledgermta.projections.queue.QueueView;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The as-of answers come from the events the ledger recorded, at the instants it recorded them: the commands
 * carry fixed business times (10:00, 10:01 …), while each step is bracketed by marks taken from the real clock,
 * which is what the event store stamps events with.
 */
class LedgerHistoryTest {

    private static final Instant T = Instant.parse("2026-11-28T10:00:00Z");
    private static final EgressIpAddress IP_11 = new EgressIpAddress("127.0.0.11");
    private static final EgressIpAddress IP_12 = new EgressIpAddress("127.0.0.12");
    private static final EmailAddress ALICE = new EmailAddress("alice@receiver.example");
    private static final EmailAddress BOB = new EmailAddress("bob@receiver.example");
    private static final SmtpReply TRY_LATER = new SmtpReply(451, "4.7.1", "Greylisted, try again later");
    private static final SmtpReply QUEUED_OK = new SmtpReply(250, "2.0.0", "Ok: queued as 4FbC1");
    private static final SmtpReply SPAMHAUS =
            new SmtpReply(554, "5.7.1", "Service unavailable; Client host [127.0.0.11] blocked using zen.spamhaus.org");

    @TempDir
    static Path dataDir;

    private static ConfigurableApplicationContext application;
    private static CommandGateway commands;
    private static LedgerHistory history;

    @BeforeAll
    static void start() {
        // a low snapshot threshold, so that the histories below are read past the aggregates' snapshots
        application = LedgerApplication.start(dataDir, "mta.snapshot-threshold=2", "mta.retry.intervals=5m,10m");
        commands = application.getBean(CommandGateway.class);
        history = application.getBean(LedgerHistory.class);
    }

    @AfterAll
    static void stop() {
        application.close();
    }

    /*
     * The end of the current millisecond, once the clock has left it: every event recorded so far is at or
     * before the mark and every event recorded afterwards is after it, whether the store keeps timestamps to
     * the millisecond or finer.
     */
    private static Instant mark() {
        Instant end = Instant.now().truncatedTo(ChronoUnit.MILLIS).plusNanos(999_999);
        while (!Instant.now().isAfter(end)) {
            Thread.onSpinWait();
        }
        return end;
    }

    private static RecordDeliveryAttemptCommand attempt(MessageId id, EgressIpAddress ip, Instant at, SmtpReply reply,
                                                        RecipientOutcome outcome) {
        return new RecordDeliveryAttemptCommand(id, ip, "mx.receiver.example", "192.0.2.25", true,
                Duration.ofMillis(180), List.of(new RecipientResult(ALICE, reply, outcome),
                        new RecipientResult(BOB, reply, outcome)), at);
    }

    @Test
    void messageAsOfAnswersWhatTheQueueViewSaidAtEachInstant() {
        MessageId id = MessageId.of("forensic-0001");
        Instant beforeAccept = mark();
        commands.sendAndWait(SampleCommands.accept(id.value(), T));
        Instant accepted = mark();
        // the retry saga schedules the next attempt in the same commit: 5 minutes on, at 10:06
        commands.sendAndWait(attempt(id, IP_11, T.plusSeconds(60), TRY_LATER, RecipientOutcome.DEFERRED));
        Instant deferred = mark();
        // then brought forward, as an operator's retry would
        commands.sendAndWait(new ScheduleDeliveryRetryCommand(id, T.plusSeconds(240), Set.of(IP_11),
                T.plusSeconds(180)));
        Instant rescheduled = mark();
        commands.sendAndWait(attempt(id, IP_12, T.plusSeconds(242), QUEUED_OK, RecipientOutcome.DELIVERED));
        Instant delivered = mark();

        assertThat(history.messageAsOf(id, beforeAccept)).isEmpty();
        assertThat(history.messageAsOf(id, accepted)).contains(new MessageState("forensic-0001", "hosting-7",
                "wordpress@shop.example", List.of("alice@receiver.example", "bob@receiver.example"), List.of(),
                List.of(), "QUEUED", 0, List.of(), T, null, T, T.plus(Duration.ofDays(5)), accepted));
        assertThat(history.messageAsOf(id, deferred)).contains(new MessageState("forensic-0001", "hosting-7",
                "wordpress@shop.example", List.of("alice@receiver.example", "bob@receiver.example"), List.of(),
                List.of(), "DEFERRED", 1, List.of("127.0.0.11"), T.plusSeconds(360),
                "451 4.7.1 Greylisted, try again later", T, T.plus(Duration.ofDays(5)), deferred));
        assertThat(history.messageAsOf(id, rescheduled)).hasValueSatisfying(message -> {
            assertThat(message.state()).isEqualTo("DEFERRED");
            assertThat(message.nextAttemptAt()).isEqualTo(T.plusSeconds(240));
        });
        MessageState now = history.messageAsOf(id, delivered).orElseThrow();
        assertThat(now).isEqualTo(new MessageState("forensic-0001", "hosting-7", "wordpress@shop.example",
                List.of(), List.of("alice@receiver.example", "bob@receiver.example"), List.of(), "DELIVERED", 2,
                List.of("127.0.0.11", "127.0.0.12"), null, "250 2.0.0 Ok: queued as 4FbC1", T,
                T.plus(Duration.ofDays(5)), delivered));

        // folded from the ledger up to now, the answer is what the live queue view says
        QueueEntry view = application.getBean(QueueView.class).find(id).orElseThrow();
        assertThat(now.state()).isEqualTo(view.state().name());
        assertThat(now.attempts()).isEqualTo(view.attempts());
        assertThat(now.nextAttemptAt()).isEqualTo(view.nextAttemptAt());
        assertThat(now.lastReply()).isEqualTo(view.lastReply());
        assertThat(now.ipsTried()).containsExactlyInAnyOrderElementsOf(
                view.ipsTried().stream().map(EgressIpAddress::value).toList());
    }

    @Test
    void messageEventsAreTheWholeHistoryInOrderEvenPastASnapshot() throws InterruptedException {
        MessageId id = MessageId.of("forensic-0002");
        Instant start = mark();
        commands.sendAndWait(SampleCommands.accept(id.value(), T));
        Instant accepted = mark();
        commands.sendAndWait(attempt(id, IP_11, T.plusSeconds(60), TRY_LATER, RecipientOutcome.DEFERRED));
        Instant deferred = mark();
        commands.sendAndWait(attempt(id, IP_12, T.plusSeconds(362), QUEUED_OK, RecipientOutcome.DELIVERED));
        Instant delivered = mark();

        // with mta.snapshot-threshold=2 the message is snapshotted; readEvents(id) alone would start there
        MongoCollection<Document> snapshots = application.getBean(LedgerStore.class).database()
                .getCollection("snapshotevents");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (snapshots.find(new Document("aggregateIdentifier", id.value())).first() == null
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(snapshots.find(new Document("aggregateIdentifier", id.value())).first())
                .as("snapshot of %s", id).isNotNull();

        List<HistoryEntry> events = history.messageEvents(id);
        assertThat(events).extracting(HistoryEntry::type).containsExactly(
                "MessageAcceptedEvent",
                "DeliveryAttemptedEvent", "DeliveryDeferredEvent", "DeliveryRetryScheduledEvent",
                "DeliveryAttemptedEvent", "MessageDeliveredEvent");
        assertThat(events).extracting(HistoryEntry::sequence).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(events.get(0).payload()).isInstanceOfSatisfying(MessageAcceptedEvent.class,
                accept -> assertThat(accept.recipients()).containsExactly(ALICE, BOB));
        assertThat(events.get(2).payload()).isInstanceOfSatisfying(DeliveryDeferredEvent.class,
                deferral -> assertThat(deferral.reply()).isEqualTo(TRY_LATER));
        // each timestamp is when the ledger recorded the event, inside the step that recorded it
        assertThat(events.get(0).timestamp()).isAfter(start).isBeforeOrEqualTo(accepted);
        assertThat(events.subList(1, 4)).allSatisfy(entry ->
                assertThat(entry.timestamp()).isAfter(accepted).isBeforeOrEqualTo(deferred));
        assertThat(events.subList(4, 6)).allSatisfy(entry ->
                assertThat(entry.timestamp()).isAfter(deferred).isBeforeOrEqualTo(delivered));
        // and the as-of fold reads past the snapshot too
        assertThat(history.messageAsOf(id, accepted)).hasValueSatisfying(message ->
                assertThat(message.state()).isEqualTo("QUEUED"));
    }

    @Test
    void anUnknownQueueIdAndAnotherAggregateWithTheSameIdHaveNoMessageHistory() {
        // account ids and queue ids share the store's key space, and this one is a valid queue id too
        commands.sendAndWait(new CreateAccountCommand(new AccountId("hosting-forensics"), List.of(), null,
                VolumeLimits.UNLIMITED, T));

        assertThat(history.messageEvents(MessageId.of("hosting-forensics"))).isEmpty();
        assertThat(history.messageAsOf(MessageId.of("hosting-forensics"), Instant.now())).isEmpty();
        assertThat(history.messageEvents(MessageId.of("never-accepted"))).isEmpty();
        assertThat(history.messageAsOf(MessageId.of("never-accepted"), Instant.now())).isEmpty();
    }

    @Test
    void egressIpsAsOfAnswersWhatThePoolViewSaidAtEachInstant() {
        PoolName shared = new PoolName("shared");
        Instant empty = mark();
        commands.sendAndWait(new AddEgressIpCommand(IP_11, shared, "out11.mta.example", T));
        commands.sendAndWait(new AddEgressIpCommand(IP_12, shared, "out12.mta.example", T));
        Instant added = mark();
        commands.sendAndWait(new BlacklistEgressIpCommand(IP_11, MessageId.of("forensic-0001"), 1, "Spamhaus",
                SPAMHAUS, T.plusSeconds(120)));
        Instant blacklisted = mark();
        commands.sendAndWait(new ReinstateEgressIpCommand(IP_11, "operator", "delisted", T.plusSeconds(300)));
        Instant reinstated = mark();
        commands.sendAndWait(new RetireEgressIpCommand(IP_12, "operator", "returned to the ISP", T.plusSeconds(480)));
        Instant retired = mark();

        String block = "Spamhaus: 554 5.7.1 Service unavailable; Client host [127.0.0.11] blocked using zen.spamhaus.org";
        EgressIpState ip11Added = new EgressIpState("127.0.0.11", "shared", "out11.mta.example", "ACTIVE", null, T);
        EgressIpState ip12Added = new EgressIpState("127.0.0.12", "shared", "out12.mta.example", "ACTIVE", null, T);
        EgressIpState ip11Reinstated = new EgressIpState("127.0.0.11", "shared", "out11.mta.example", "ACTIVE", block,
                T.plusSeconds(300));

        assertThat(history.egressIpsAsOf(empty)).isEmpty();
        assertThat(history.egressIpsAsOf(added)).containsExactly(ip11Added, ip12Added);
        assertThat(history.egressIpsAsOf(blacklisted)).containsExactly(
                new EgressIpState("127.0.0.11", "shared", "out11.mta.example", "BLACKLISTED", block,
                        T.plusSeconds(120)),
                ip12Added);
        assertThat(history.egressIpsAsOf(reinstated)).containsExactly(ip11Reinstated, ip12Added);
        // the retired IP is still answered for, before and after its retirement
        List<EgressIpState> now = history.egressIpsAsOf(retired);
        assertThat(now).containsExactly(ip11Reinstated, new EgressIpState("127.0.0.12", "shared",
                "out12.mta.example", "RETIRED", null, T.plusSeconds(480)));

        // folded from the ledger up to now, the answer is what the live pool view says
        assertThat(application.getBean(EgressPool.class).all()).map(view -> new EgressIpState(view.address().value(),
                        view.pool().value(), view.heloName(), view.state().name(), view.lastBlock(), view.since(),
                        view.warmUpPlan().text(), view.backOffs().stream().map(b -> b.backOff().provider().value())
                                .sorted().toList()))
                .isEqualTo(now);
    }
}
