package org.ledgermta.projections.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.IntakeRoute;
import org.ledgermta.domain.ReversePath;
import org.ledgermta.domain.account.MessageRejectedEvent;
import org.ledgermta.domain.account.RejectionReason;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.message.DeliveryAttemptedEvent;
import org.ledgermta.domain.message.MessageAcceptedEvent;
import org.ledgermta.domain.message.MessageBody;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.RecipientOutcome;
import org.ledgermta.domain.message.RecipientResult;
import org.ledgermta.domain.message.SmtpReply;

class DeliveryStatisticsTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:30Z");
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration DAY = Duration.ofHours(24);
    private static final EgressIpAddress IP = new EgressIpAddress("127.0.0.11");
    private static final EgressIpAddress OTHER_IP = new EgressIpAddress("127.0.0.12");
    private static final AccountId ACME = new AccountId("acme");

    private final MemoryStore store = new MemoryStore();
    private final DeliveryStatistics statistics = new DeliveryStatistics(store);

    @Test
    void lastHourCountsOnlyTheAttemptsOfTheLastSixtyMinutesAndLastDayCountsThemAll() {
        statistics.on(accepted("m-00000001", 2, NOW.minus(Duration.ofHours(5))));
        statistics.on(attempt("m-00000001", IP, "mx1.receiver.example", NOW.minus(Duration.ofHours(5)),
                RecipientOutcome.DELIVERED, RecipientOutcome.DEFERRED));
        statistics.on(attempt("m-00000001", IP, "mx1.receiver.example", NOW.minus(Duration.ofMinutes(59)),
                RecipientOutcome.BOUNCED));
        statistics.on(attempt("m-00000001", IP, "mx1.receiver.example", NOW.minus(Duration.ofMinutes(61)),
                RecipientOutcome.EGRESS_BLOCKED));
        statistics.on(attempt("m-00000001", OTHER_IP, "mx1.receiver.example", NOW, RecipientOutcome.DELIVERED));

        assertThat(statistics.egressIp(IP, HOUR, NOW)).isEqualTo(new DeliveryCounts(1, 0, 0, 1, 0));
        assertThat(statistics.egressIp(IP, DAY, NOW)).isEqualTo(new DeliveryCounts(3, 1, 1, 1, 1));
        assertThat(statistics.egressIp(OTHER_IP, HOUR, NOW)).isEqualTo(new DeliveryCounts(1, 1, 0, 0, 0));
        // an hour later the attempt of 59 minutes ago has left the hour, and nothing counts before it happened
        assertThat(statistics.egressIp(IP, HOUR, NOW.plus(HOUR))).isEqualTo(DeliveryCounts.NONE);
        assertThat(statistics.egressIp(OTHER_IP, HOUR, NOW.minus(Duration.ofMinutes(1))))
                .isEqualTo(DeliveryCounts.NONE);
    }

    @Test
    void attemptsAreSplitByTheMxHostsLastTwoLabels() {
        statistics.on(attempt("m-00000002", IP, "gmail-smtp-in.l.google.com", NOW, RecipientOutcome.DELIVERED,
                RecipientOutcome.DELIVERED));
        statistics.on(attempt("m-00000002", IP, "alt1.gmail-smtp-in.l.google.com.", NOW,
                RecipientOutcome.DEFERRED));
        statistics.on(attempt("m-00000003", IP, "mx01.mail.icloud.com", NOW, RecipientOutcome.EGRESS_BLOCKED));
        statistics.on(attempt("m-00000003", OTHER_IP, "mx01.mail.icloud.com", NOW, RecipientOutcome.DELIVERED));

        assertThat(statistics.egressIpByProvider(IP, HOUR, NOW)).containsExactly(
                Map.entry("google.com", new DeliveryCounts(2, 2, 1, 0, 0)),
                Map.entry("icloud.com", new DeliveryCounts(1, 0, 0, 0, 1)));
        assertThat(statistics.egressIpByProvider(OTHER_IP, HOUR, NOW)).containsExactly(
                Map.entry("icloud.com", new DeliveryCounts(1, 1, 0, 0, 0)));
        assertThat(DeliveryStatistics.provider("Localhost")).isEqualTo("localhost");
    }

    @Test
    void anAccountCountsItsMessagesRecipientsOutcomesAndRejections() {
        statistics.on(accepted("m-00000004", 3, NOW.minus(Duration.ofHours(2))));
        statistics.on(attempt("m-00000004", IP, "mx.receiver.example", NOW.minus(Duration.ofMinutes(10)),
                RecipientOutcome.DELIVERED, RecipientOutcome.BOUNCED, RecipientOutcome.EGRESS_BLOCKED));
        // no connection was made: no IP to count it under, but the account's recipient was deferred
        statistics.on(attempt("m-00000004", null, null, NOW.minus(Duration.ofMinutes(5)), RecipientOutcome.DEFERRED));
        statistics.on(rejected("acme", RejectionReason.OVER_LIMIT, NOW.minus(Duration.ofMinutes(3))));
        statistics.on(rejected("acme", RejectionReason.OVER_LIMIT, NOW.minus(Duration.ofMinutes(2))));
        statistics.on(rejected("acme", RejectionReason.SPAM, NOW.minus(Duration.ofHours(3))));
        statistics.on(rejected(null, RejectionReason.RELAY_DENIED, NOW));
        MessageAcceptedEvent dsn = accepted("m-00000014", 1, NOW.minus(Duration.ofMinutes(1)));
        statistics.on(new MessageAcceptedEvent(dsn.messageId(), ACME, ReversePath.nullSender(), dsn.recipients(),
                dsn.body(), null, null, "", IntakeRoute.BOUNCE, dsn.acceptedAt(), dsn.expiresAt()));
        statistics.on(attempt("m-00000014", IP, "mx.acme.example", NOW, RecipientOutcome.DELIVERED));

        assertThat(statistics.account(ACME, DAY, NOW)).isEqualTo(new AccountCounts(1, 3, 2, 2, 1, 3,
                Map.of(RejectionReason.OVER_LIMIT, 2L, RejectionReason.SPAM, 1L)));
        assertThat(statistics.account(ACME, HOUR, NOW)).isEqualTo(new AccountCounts(0, 0, 2, 2, 1, 2,
                Map.of(RejectionReason.OVER_LIMIT, 2L)));
        assertThat(statistics.account(new AccountId("globex"), DAY, NOW))
                .isEqualTo(new AccountCounts(0, 0, 0, 0, 0, 0, Map.of()));
    }

    @Test
    void countsSurviveARestartAndTheAccountOfAMessageIsFoundInTheStore() {
        statistics.on(accepted("m-00000005", 1, NOW.minus(Duration.ofMinutes(30))));
        statistics.on(attempt("m-00000005", IP, "mx.receiver.example", NOW.minus(Duration.ofMinutes(20)),
                RecipientOutcome.DEFERRED));

        store.accounts.put("m-00000005", ACME.value()); // as the queue view has it
        DeliveryStatistics restarted = new DeliveryStatistics(store).load(NOW);
        restarted.on(attempt("m-00000005", IP, "mx.receiver.example", NOW, RecipientOutcome.DELIVERED));

        assertThat(restarted.egressIp(IP, HOUR, NOW)).isEqualTo(new DeliveryCounts(2, 1, 1, 0, 0));
        assertThat(restarted.account(ACME, HOUR, NOW)).isEqualTo(new AccountCounts(1, 1, 1, 1, 0, 0, Map.of()));
    }

    @Test
    void bucketsOlderThanADayAreDroppedFromMemoryAndStore() {
        statistics.on(attempt("m-00000006", IP, "mx.receiver.example", NOW.minus(Duration.ofHours(30)),
                RecipientOutcome.DELIVERED));
        statistics.on(attempt("m-00000006", IP, "mx.receiver.example", NOW.minus(Duration.ofHours(23)),
                RecipientOutcome.DELIVERED));
        assertThat(store.buckets).hasSize(4); // per IP and per IP and provider, two minutes each

        statistics.on(attempt("m-00000006", IP, "mx.receiver.example", NOW, RecipientOutcome.DEFERRED));

        assertThat(store.buckets.keySet()).noneMatch(id -> id.endsWith("|" + minute(NOW.minus(Duration.ofHours(30)))));
        assertThat(store.buckets).hasSize(4);
        assertThat(statistics.egressIp(IP, DAY, NOW)).isEqualTo(new DeliveryCounts(2, 1, 1, 0, 0));

        statistics.prune(NOW.plus(Duration.ofHours(23).plusMinutes(30)));
        assertThat(store.buckets).hasSize(2);
        assertThat(statistics.egressIp(IP, DAY, NOW)).isEqualTo(new DeliveryCounts(1, 0, 1, 0, 0));

        // a late event older than any window is not counted at all
        statistics.on(attempt("m-00000006", IP, "mx.receiver.example", NOW.minus(Duration.ofHours(25)),
                RecipientOutcome.DELIVERED));
        assertThat(store.buckets).hasSize(2);

        DeliveryStatistics later = new DeliveryStatistics(store).load(NOW.plus(Duration.ofDays(2)));
        assertThat(store.buckets).isEmpty();
        assertThat(later.egressIp(IP, DAY, NOW)).isEqualTo(DeliveryCounts.NONE);
    }

    @Test
    void aWindowLongerThanWhatIsKeptIsRefused() {
        assertThatThrownBy(() -> statistics.egressIp(IP, Duration.ofDays(2), NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most PT24H");
    }

    private static long minute(Instant at) {
        return at.getEpochSecond() / 60;
    }

    private static MessageAcceptedEvent accepted(String id, int recipients, Instant at) {
        List<EmailAddress> to = java.util.stream.IntStream.range(0, recipients)
                .mapToObj(i -> new EmailAddress("r" + i + "@receiver.example")).toList();
        return new MessageAcceptedEvent(MessageId.of(id), ACME, new ReversePath("news@acme.example"), to,
                new MessageBody("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 2048),
                null, null, "198.51.100.7", IntakeRoute.SMTP, at, at.plus(Duration.ofDays(5)));
    }

    private static DeliveryAttemptedEvent attempt(String id, EgressIpAddress ip, String mxHost, Instant at,
                                                  RecipientOutcome... outcomes) {
        List<RecipientResult> results = new java.util.ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) {
            SmtpReply reply = switch (outcomes[i]) {
                case DELIVERED -> new SmtpReply(250, "2.0.0", "Ok");
                case DEFERRED -> new SmtpReply(451, "4.7.1", "Greylisted");
                case BOUNCED -> new SmtpReply(550, "5.1.1", "No such user");
                case EGRESS_BLOCKED -> new SmtpReply(554, "5.7.1", "Listed at zen.spamhaus.org");
            };
            results.add(new RecipientResult(new EmailAddress("r" + i + "@receiver.example"), reply, outcomes[i]));
        }
        return new DeliveryAttemptedEvent(MessageId.of(id), 1, results.stream().map(RecipientResult::recipient).toList(),
                ip, mxHost, mxHost == null ? null : "192.0.2.25", false, results, Duration.ofMillis(100), at);
    }

    private static MessageRejectedEvent rejected(String account, RejectionReason reason, Instant at) {
        return new MessageRejectedEvent(account, "198.51.100.7", "news@acme.example", List.of(), reason,
                "550 5.7.1 refused", at);
    }

    /** The store as a map, so that a restart is a new {@link DeliveryStatistics} over the same one. */
    private static final class MemoryStore implements StatisticsStore {
        final Map<String, Map<String, Long>> buckets = new TreeMap<>();
        final Map<String, String> accounts = new HashMap<>();

        @Override
        public void increment(Map<String, Map<String, Long>> countsByBucket) {
            countsByBucket.forEach((bucketId, counts) -> {
                Map<String, Long> bucket = buckets.computeIfAbsent(bucketId, id -> new HashMap<>());
                counts.forEach((name, value) -> bucket.merge(name, value, Long::sum));
            });
        }

        @Override
        public void delete(String bucketId) {
            buckets.remove(bucketId);
        }

        @Override
        public void forEachBucket(BiConsumer<String, Map<String, Long>> action) {
            Map.copyOf(buckets).forEach((id, counters) -> action.accept(id, Map.copyOf(counters)));
        }

        @Override
        public String accountOf(String messageId) {
            return accounts.get(messageId);
        }
    }
}
