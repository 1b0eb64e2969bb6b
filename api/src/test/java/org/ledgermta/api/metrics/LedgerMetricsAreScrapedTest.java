package org.ledgermta.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledgermta.api.LedgerMtaApplication;
import org.ledgermta.api.redis.RedisReachabilityCheck;
import org.ledgermta.api.replay.ReplayService;
import org.ledgermta.api.store.LedgerStore;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.IntakeRoute;
import org.ledgermta.domain.ReversePath;
import org.ledgermta.domain.account.MessageRejectedEvent;
import org.ledgermta.domain.account.RejectionReason;
import org.ledgermta.domain.egress.AddEgressIpCommand;
import org.ledgermta.domain.egress.BlacklistEgressIpCommand;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.egress.PoolName;
import org.ledgermta.domain.message.AcceptMessageCommand;
import org.ledgermta.domain.message.ExpireMessageCommand;
import org.ledgermta.domain.message.HoldMessageCommand;
import org.ledgermta.domain.message.MessageBody;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.RecipientOutcome;
import org.ledgermta.domain.message.RecipientResult;
import org.ledgermta.domain.message.RecordDeliveryAttemptCommand;
import org.ledgermta.domain.message.ReleaseMessageCommand;
import org.ledgermta.domain.message.SmtpReply;
import org.ledgermta.projections.queue.QueueView;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Accepts, deliveries, deferrals, bounces, an IP block, an expiry and an intake refusal, then a scrape of
 * /actuator/prometheus over HTTP: each shows in its counter with its account, route, egress IP and pool,
 * and the ledger store's commands are counted by command and collection;
 * the queue depth follows the queue, starts again from the queue view after a restart, and from the
 * rebuilt one after a replay.
 */
class LedgerMetricsAreScrapedTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final EgressIpAddress IP_11 = new EgressIpAddress("127.0.0.11");
    private static final EgressIpAddress IP_12 = new EgressIpAddress("127.0.0.12");
    private static final EgressIpAddress IP_13 = new EgressIpAddress("127.0.0.13");
    private static final EmailAddress ALICE = new EmailAddress("alice@receiver.example");
    private static final EmailAddress BOB = new EmailAddress("bob@other.example");
    private static final SmtpReply OK = new SmtpReply(250, "2.0.0", "Ok");
    private static final SmtpReply TRY_LATER = new SmtpReply(421, "4.7.0", "Try again later");
    private static final SmtpReply NO_SUCH_USER = new SmtpReply(550, "5.1.1", "No such user");
    private static final SmtpReply LISTED = new SmtpReply(554, "5.7.1", "Service unavailable; client host "
            + "[127.0.0.12] blocked using zen.spamhaus.org");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*})?) (\\S+)");

    @TempDir
    Path dataDir;

    @Test
    void countersGaugesAndProcessorActivityAreScraped() throws Exception {
        try (ConfigurableApplicationContext service = start()) {
            CommandGateway commands = service.getBean(CommandGateway.class);
            commands.sendAndWait(new AddEgressIpCommand(IP_13, new PoolName("warm"), "out13.relay.test.example", T0));
            commands.sendAndWait(accept("metrics-m1", "acme", IntakeRoute.SMTP, ALICE, BOB));
            commands.sendAndWait(accept("metrics-m2", "acme", IntakeRoute.HTTP, ALICE, BOB));
            commands.sendAndWait(accept("metrics-m3", "shop", IntakeRoute.SMTP, ALICE));
            commands.sendAndWait(accept("metrics-m4", "shop", IntakeRoute.SMTP, ALICE));
            commands.sendAndWait(accept("metrics-m5", "shop", IntakeRoute.SMTP, BOB));

            attempt(commands, "metrics-m1", IP_11, new RecipientResult(ALICE, OK, RecipientOutcome.DELIVERED),
                    new RecipientResult(BOB, OK, RecipientOutcome.DELIVERED));
            attempt(commands, "metrics-m2", IP_13, new RecipientResult(ALICE, OK, RecipientOutcome.DELIVERED),
                    new RecipientResult(BOB, TRY_LATER, RecipientOutcome.DEFERRED));
            attempt(commands, "metrics-m3", IP_12, new RecipientResult(ALICE, LISTED, RecipientOutcome.EGRESS_BLOCKED));
            commands.sendAndWait(new BlacklistEgressIpCommand(IP_12, MessageId.of("metrics-m3"), 1, "Spamhaus", LISTED,
                    T0.plusSeconds(60)));
            attempt(commands, "metrics-m2", IP_11, new RecipientResult(BOB, NO_SUCH_USER, RecipientOutcome.BOUNCED));
            commands.sendAndWait(new HoldMessageCommand(MessageId.of("metrics-m4"), "ops", "check", T0.plusSeconds(70)));
            commands.sendAndWait(new ExpireMessageCommand(MessageId.of("metrics-m5"), T0.plus(Duration.ofDays(6))));
            service.getBean(EventGateway.class).publish(new MessageRejectedEvent(null, "192.0.2.99", "x@spam.example",
                    List.of("victim@receiver.example"), RejectionReason.RELAY_DENIED, "550 5.7.1 Relaying denied", T0));

            // the DSNs of the bounce (m2) and the expiry (m5) are queued by another thread after those commits
            Map<String, Double> metrics = scrapeUntil(service,
                    m -> m.getOrDefault("ledgermta_messages_accepted_total{account=\"acme\",route=\"bounce\"}", 0.0) == 1
                            && m.getOrDefault("ledgermta_messages_accepted_total{account=\"shop\",route=\"bounce\"}", 0.0) == 1
                            // the depth is updated by its own after-commit step, a moment after the counters
                            && m.getOrDefault("ledgermta_queue_depth", 0.0) == 3.0);

            assertThat(metrics)
                    .containsEntry("ledgermta_messages_accepted_total{account=\"acme\",route=\"smtp\"}", 1.0)
                    .containsEntry("ledgermta_messages_accepted_total{account=\"acme\",route=\"http\"}", 1.0)
                    .containsEntry("ledgermta_messages_accepted_total{account=\"shop\",route=\"smtp\"}", 3.0)
                    .containsEntry("ledgermta_recipients_delivered_total{egress_ip=\"127.0.0.11\",pool=\"default\"}", 2.0)
                    .containsEntry("ledgermta_recipients_delivered_total{egress_ip=\"127.0.0.13\",pool=\"warm\"}", 1.0)
                    .containsEntry("ledgermta_recipients_deferred_total{egress_ip=\"127.0.0.13\",pool=\"warm\"}", 1.0)
                    .containsEntry("ledgermta_recipients_deferred_total{egress_ip=\"127.0.0.12\",pool=\"default\"}", 1.0)
                    .containsEntry("ledgermta_recipients_bounced_total{egress_ip=\"127.0.0.11\",pool=\"default\"}", 1.0)
                    .containsEntry("ledgermta_egress_ip_blocked_total{egress_ip=\"127.0.0.12\",pool=\"default\"}", 1.0)
                    .containsEntry("ledgermta_messages_expired_total", 1.0)
                    .containsEntry("ledgermta_messages_rejected_total{account=\"none\",reason=\"relay_denied\"}", 1.0)
                    // waiting: m3 (deferred) and the two DSNs; m1 and m2 are finished, m4 is held, m5 expired
                    .containsEntry("ledgermta_queue_depth", 3.0);
            assertThat(metrics.get("ledgermta_processor_lag_seconds{processor=\"ledger-metrics\"}")).isBetween(0.0, 5.0);
            assertThat(metrics.get("ledgermta_processor_idle_seconds{processor=\"ledger-views\"}")).isGreaterThanOrEqualTo(0.0);
            assertThat(metrics.get("ledgermta_processor_events_total{processor=\"ledger-views\"}")).isGreaterThan(10.0);
            // the ledger store's commands, by command and collection: six accepts and four attempts appended events
            assertThat(metrics.entrySet()).anySatisfy(sample -> {
                assertThat(sample.getKey()).startsWith("mongodb_driver_commands_seconds_count{")
                        .contains("collection=\"domainevents\"", "command=\"insert\"", "status=\"SUCCESS\"");
                assertThat(sample.getValue()).isGreaterThanOrEqualTo(10.0);
            });

            commands.sendAndWait(new ReleaseMessageCommand(MessageId.of("metrics-m4"), "ops", T0.plusSeconds(80)));
            assertThat(scrape(service)).containsEntry("ledgermta_queue_depth", 4.0);

            // a queue view gone wrong: a waiting message that the ledger does not have
            MongoCollection<Document> queue = service.getBean(LedgerStore.class).database().getCollection(QueueView.COLLECTION);
            queue.insertOne(queue.find(Filters.eq("_id", "metrics-m3")).first().append("_id", "metrics-phantom"));
        }

        try (ConfigurableApplicationContext restarted = start()) {
            // the depth starts from the queue view, and counters from zero
            assertThat(scrape(restarted)).containsEntry("ledgermta_queue_depth", 5.0)
                    .doesNotContainKey("ledgermta_messages_accepted_total{account=\"acme\",route=\"smtp\"}");

            restarted.getBean(ReplayService.class).replay(progress -> { });

            assertThat(scrape(restarted)).containsEntry("ledgermta_queue_depth", 4.0);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(LedgerMtaApplication.class)
                .listeners(new RedisReachabilityCheck(false))
                .properties("mta.data-dir=" + dataDir, "server.port=0", "server.address=127.0.0.1",
                        "mta.smtp.listen=127.0.0.1:0", "mta.delivery.enabled=false",
                        "mta.egress.ips=127.0.0.11=out11.relay.test.example,127.0.0.12=out12.relay.test.example")
                .run();
    }

    private static AcceptMessageCommand accept(String id, String account, IntakeRoute route, EmailAddress... to) {
        return new AcceptMessageCommand(MessageId.of(id), new AccountId(account), new ReversePath("news@shop.example"),
                List.of(to), new MessageBody("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 1024),
                "<" + id + "@shop.example>", "Shop <news@shop.example>", "203.0.113.5", route, T0,
                T0.plus(Duration.ofDays(5)));
    }

    private static void attempt(CommandGateway commands, String id, EgressIpAddress ip, RecipientResult... results) {
        commands.sendAndWait(new RecordDeliveryAttemptCommand(MessageId.of(id), ip, "mx.receiver.example",
                "192.0.2.25", true, Duration.ofMillis(80), List.of(results), T0.plusSeconds(30)));
    }

    private static Map<String, Double> scrapeUntil(ConfigurableApplicationContext service,
                                                   Predicate<Map<String, Double>> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Map<String, Double> metrics = scrape(service);
        while (!condition.test(metrics)) {
            assertThat(System.nanoTime()).as("metrics not as expected within 30 s: " + metrics).isLessThan(deadline);
            Thread.sleep(100);
            metrics = scrape(service);
        }
        return metrics;
    }

    /** Every sample of the scrape, keyed by name and labels as exposed. */
    private static Map<String, Double> scrape(ConfigurableApplicationContext service) throws Exception {
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        List<String> unparsed = new ArrayList<>();
        for (String line : response.body().lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            if (sample.find()) {
                samples.put(sample.group(1), Double.valueOf(sample.group(2)));
            } else {
                unparsed.add(line);
            }
        }
        assertThat(unparsed).isEmpty();
        return samples;
    }
}
