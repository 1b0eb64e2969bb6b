package org.ledgermta.api.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledgermta.api.store.LedgerStore;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.IntakeRoute;
import org.ledgermta.domain.ReversePath;
import org.ledgermta.domain.egress.AddEgressIpCommand;
import org.ledgermta.domain.egress.BlacklistEgressIpCommand;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.egress.PoolName;
import org.ledgermta.domain.egress.ReinstateEgressIpCommand;
import org.ledgermta.domain.egress.RetireEgressIpCommand;
import org.ledgermta.domain.message.AcceptMessageCommand;
import org.ledgermta.domain.message.BounceNotificationIssuedEvent;
import org.ledgermta.domain.message.DeleteMessageCommand;
import org.ledgermta.domain.message.ExpireMessageCommand;
import org.ledgermta.domain.message.HoldMessageCommand;
import org.ledgermta.domain.message.MessageBody;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.domain.message.RecipientOutcome;
import org.ledgermta.domain.message.RecipientResult;
import org.ledgermta.domain.message.RecordDeliveryAttemptCommand;
import org.ledgermta.domain.message.ReleaseMessageCommand;
import org.ledgermta.domain.message.SmtpReply;
import org.ledgermta.projections.account.AccountDirectory;
import org.ledgermta.projections.account.MongoAccountViewStore;
import org.ledgermta.projections.egress.EgressPool;
import org.ledgermta.projections.queue.QueueView;
import org.ledgermta.projections.sender.SenderDomainDirectory;
import org.ledgermta.projections.stats.DeliveryStatistics;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A ledger with every kind of fact the views know (accounts from the configuration and the admin API,
 * sender domains with a rotated and a removed key, egress IPs added, blacklisted, reinstated and retired,
 * messages delivered, deferred and retried, bounced with a DSN, held, released, deleted, expired), replayed
 * over HTTP and through the CLI: every view comes back document by document, and in memory, as it was.
 */
class ReplayRebuildsTheViewsTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final EgressIpAddress IP_11 = new EgressIpAddress("127.0.0.11");
    private static final EgressIpAddress IP_12 = new EgressIpAddress("127.0.0.12");
    private static final EgressIpAddress IP_13 = new EgressIpAddress("127.0.0.13");
    private static final SmtpReply OK = new SmtpReply(250, "2.0.0", "Ok: queued");
    private static final SmtpReply TRY_LATER = new SmtpReply(421, "4.7.0", "Try again later");
    private static final SmtpReply NO_SUCH_USER = new SmtpReply(550, "5.1.1", "No such user");
    private static final SmtpReply LISTED = new SmtpReply(550, "5.7.1", "Service unavailable; client host "
            + "[127.0.0.12] blocked using zen.spamhaus.org");
    private static final List<String> VIEWS = List.of(QueueView.COLLECTION, EgressPool.COLLECTION,
            MongoAccountViewStore.COLLECTION, SenderDomainDirectory.COLLECTION, DeliveryStatistics.COLLECTION);

    @TempDir
    static Path dataDir;
    private static ConfigurableApplicationContext service;
    private static CommandGateway commands;
    private static MongoDatabase database;

    @BeforeAll
    static void recordEveryKindOfFact() throws Exception {
        service = HttpService.start(dataDir,
                "mta.accounts.acme.networks=203.0.113.0/24",
                "mta.accounts.acme.limits.per-hour=1000",
                "mta.accounts.shop.networks=198.51.100.7",
                "mta.accounts.shop.password=correct horse battery staple",
                "mta.egress.ips=127.0.0.11=out11.relay.test.example,127.0.0.12=out12.relay.test.example",
                "mta.dkim.master-key=7hjJfJ1cQpD2mQ3Zb6n3yWqK0r1s2t3u4v5w6x7y8z0=");
        commands = service.getBean(CommandGateway.class);
        database = service.getBean(LedgerStore.class).database();

        operator("/api/v1/accounts/shop/suspend", "{\"reason\": \"complaints\"}");
        operator("/api/v1/sender-domains", "{\"domain\": \"shop.example\", \"account\": \"acme\", \"algorithm\": \"ED25519\"}");
        operator("/api/v1/sender-domains/shop.example/rotate", null);
        operator("/api/v1/sender-domains", "{\"domain\": \"old.example\", \"account\": \"acme\", \"algorithm\": \"ED25519\"}");
        operator("/api/v1/sender-domains/old.example", null, "DELETE");

        commands.sendAndWait(new AddEgressIpCommand(IP_13, new PoolName("warm"), "out13.relay.test.example", T0));
        commands.sendAndWait(new RetireEgressIpCommand(IP_13, "ops", "decommissioned", T0.plusSeconds(5)));

        for (int i = 1; i <= 12; i++) {
            commands.sendAndWait(accept(id(i), T0.plusSeconds(i)));
        }
        for (int i = 1; i <= 4; i++) {
            attempt(id(i), IP_11, T0.plusSeconds(60), OK, RecipientOutcome.DELIVERED, OK, RecipientOutcome.DELIVERED);
        }
        attempt(id(5), IP_11, T0.plusSeconds(61), TRY_LATER, RecipientOutcome.DEFERRED, TRY_LATER, RecipientOutcome.DEFERRED);
        attempt(id(5), IP_12, T0.plusSeconds(400), OK, RecipientOutcome.DELIVERED, OK, RecipientOutcome.DELIVERED);
        attempt(id(6), IP_11, T0.plusSeconds(62), OK, RecipientOutcome.DELIVERED, NO_SUCH_USER, RecipientOutcome.BOUNCED);
        attempt(id(7), IP_12, T0.plusSeconds(63), LISTED, RecipientOutcome.EGRESS_BLOCKED, LISTED, RecipientOutcome.EGRESS_BLOCKED);
        commands.sendAndWait(new BlacklistEgressIpCommand(IP_12, MessageId.of(id(7)), 1, "Spamhaus", LISTED, T0.plusSeconds(63)));
        commands.sendAndWait(new ReinstateEgressIpCommand(IP_12, "ops", "delisted", T0.plusSeconds(3600)));
        commands.sendAndWait(new HoldMessageCommand(MessageId.of(id(8)), "ops", "looks like spam", T0.plusSeconds(70)));
        commands.sendAndWait(new ReleaseMessageCommand(MessageId.of(id(8)), "ops", T0.plusSeconds(80)));
        commands.sendAndWait(new HoldMessageCommand(MessageId.of(id(9)), "ops", "spam", T0.plusSeconds(70)));
        commands.sendAndWait(new DeleteMessageCommand(MessageId.of(id(9)), "ops", "spam", T0.plusSeconds(90)));
        attempt(id(10), IP_11, T0.plusSeconds(64), TRY_LATER, RecipientOutcome.DEFERRED, TRY_LATER, RecipientOutcome.DEFERRED);
        commands.sendAndWait(new ExpireMessageCommand(MessageId.of(id(10)), T0.plus(Duration.ofDays(6))));
        commands.sendAndWait(new RecordDeliveryAttemptCommand(MessageId.of(id(12)), null, null, null, false,
                Duration.ofMillis(5), List.of(new RecipientResult(alice(), new SmtpReply(451, "4.4.3", "MX look-up timed out"),
                RecipientOutcome.DEFERRED)), T0.plusSeconds(65)));

        // the DSNs of the bounce (6) and the expiry (10) are queued after those commits, by another thread
        MongoCollection<Document> ledger = service.getBean(MongoTemplate.class).eventCollection();
        awaitTrue(() -> ledger.countDocuments(Filters.eq("payloadType", BounceNotificationIssuedEvent.class.getName())) == 2);
        Map<String, List<Document>> views = snapshot();
        assertThat(views.get(QueueView.COLLECTION)).hasSize(14);
        assertThat(views.get(EgressPool.COLLECTION)).hasSize(3);
        assertThat(views.get(MongoAccountViewStore.COLLECTION)).hasSize(2);
        assertThat(views.get(SenderDomainDirectory.COLLECTION)).hasSize(1);
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void replayOverHttpRebuildsEveryViewDocumentByDocument() throws Exception {
        Map<String, List<Document>> before = snapshot();
        Object memoryBefore = inMemory();
        long events = service.getBean(MongoTemplate.class).eventCollection().countDocuments();

        HttpResponse<Stream<String>> response = HttpService.post(service, "/api/v1/replay", HttpService.TOKEN, null);
        List<String> lines = response.body().toList();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        // flushed line by line as the replay goes, not buffered whole (which would have a Content-Length)
        assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        assertThat(lines.getFirst()).startsWith("replayed 0 of " + events + " events (0%)");
        assertThat(lines.get(lines.size() - 2)).startsWith("replayed " + events + " of " + events + " events (100%)")
                .matches(".* in \\d+\\.\\d s, \\d+ events/s");
        assertThat(lines.getLast()).startsWith("done: " + events + " events in ")
                .contains(documents(before, QueueView.COLLECTION), documents(before, EgressPool.COLLECTION),
                        documents(before, MongoAccountViewStore.COLLECTION),
                        documents(before, SenderDomainDirectory.COLLECTION));
        assertThat(snapshot()).isEqualTo(before);
        assertThat(inMemory()).isEqualTo(memoryBefore);
    }

    @Test
    void cliShowsTheProgressAndTheTotals() throws Exception {
        Map<String, List<Document>> before = snapshot();

        Process cli = cli(HttpService.TOKEN);
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(cli.exitValue()).as(output).isZero();
        assertThat(output.lines().toList().getFirst()).startsWith("replayed 0 of ");
        assertThat(output.lines().toList().getLast()).startsWith("done: ")
                .contains(documents(before, QueueView.COLLECTION));
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void cliSaysWhyTheServiceRefused() throws Exception {
        Process cli = cli("not-the-token");
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(cli.exitValue()).isEqualTo(1);
        assertThat(output).isEqualTo("ledgermta-admin: The bearer token is not the operator token: check "
                + "mta.api.operator-token.\n");
    }

    private static Process cli(String token) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", Path.of("..", "bin", "ledgermta-admin").toString(), "replay")
                .redirectErrorStream(true);
        builder.environment().put("LEDGERMTA_URL", "http://127.0.0.1:" + HttpService.port(service));
        builder.environment().put("LEDGERMTA_TOKEN", token);
        return builder.start();
    }

    @Test
    void progressCountsEveryEventUpToTheTotal() {
        List<Progress> reports = new ArrayList<>();

        ReplayResult result = service.getBean(ReplayService.class).replay(reports::add, Duration.ZERO);

        long total = result.events();
        assertThat(total).isGreaterThan(50);
        assertThat(reports).allSatisfy(progress -> assertThat(progress.eventsTotal()).isEqualTo(total));
        // at the start, after every event, and once more at the end
        assertThat(reports).extracting(Progress::eventsDone).hasSize((int) total + 2).isSorted()
                .startsWith(0L, 1L, 2L).endsWith(total, total);
        assertThat(result.clean()).isTrue();
        assertThat(result.documents()).containsEntry(EgressPool.COLLECTION, 3L);
    }

    @Test
    void aSecondReplayIsRefusedWhileOneRuns() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        CompletableFuture<ReplayResult> first = CompletableFuture.supplyAsync(() ->
                service.getBean(ReplayService.class).replay(progress -> {
                    started.countDown();
                    await(proceed);
                }));
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();

        HttpResponse<Stream<String>> second = HttpService.post(service, "/api/v1/replay", HttpService.TOKEN, null);

        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.body().toList()).singleElement().asString().contains("already running");
        proceed.countDown();
        assertThat(first.get(60, TimeUnit.SECONDS).clean()).isTrue();
    }

    @Test
    void eventsRecordedWhileItRunsAreReported() {
        ReplayService replays = service.getBean(ReplayService.class);
        List<Progress> reports = new ArrayList<>();
        ReplayResult result = replays.replay(progress -> {
            if (reports.isEmpty()) {
                commands.sendAndWait(accept("during-replay-1", T0.plusSeconds(500)));
            }
            reports.add(progress);
        });

        assertThat(result.recordedDuringReplay()).isEqualTo(1);
        assertThat(result.clean()).isFalse();
        assertThat(result.describe()).anySatisfy(line -> assertThat(line).startsWith("warning: 1 events were recorded"))
                .last().asString().startsWith("finished with warnings: ");

        commands.sendAndWait(new DeleteMessageCommand(MessageId.of("during-replay-1"), "test", "cleanup", T0.plusSeconds(501)));
        assertThat(replays.replay(progress -> { }).clean()).isTrue();
    }

    @Test
    void replayNeedsTheOperatorToken() throws Exception {
        HttpResponse<Stream<String>> none = HttpService.post(service, "/api/v1/replay", null, null);
        HttpResponse<Stream<String>> wrong = HttpService.post(service, "/api/v1/replay", "not-the-token", null);

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"ledgermta admin\"");
        assertThat(none.body().toList()).singleElement().asString().contains("\"error\"").contains("Bearer");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body().toList()).singleElement().asString().contains("not the operator token");
    }

    private static Map<String, List<Document>> snapshot() {
        Map<String, List<Document>> views = new LinkedHashMap<>();
        for (String view : VIEWS) {
            views.put(view, database.getCollection(view).find().sort(Sorts.ascending("_id")).into(new ArrayList<>()));
        }
        return views;
    }

    private static String documents(Map<String, List<Document>> views, String collection) {
        return collection + " " + views.get(collection).size() + " documents";
    }

    private static Object inMemory() {
        return List.of(service.getBean(EgressPool.class).all(), service.getBean(AccountDirectory.class).all(),
                service.getBean(SenderDomainDirectory.class).all());
    }

    private static String id(int n) {
        return String.format("replay-msg-%02d", n);
    }

    private static EmailAddress alice() {
        return new EmailAddress("alice@receiver.example");
    }

    private static AcceptMessageCommand accept(String id, Instant at) {
        return new AcceptMessageCommand(MessageId.of(id), new AccountId("acme"), new ReversePath("news@shop.example"),
                List.of(alice(), new EmailAddress("bob@other.example")),
                new MessageBody("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 2048),
                "<" + id + "@shop.example>", "Shop <news@shop.example>", "203.0.113.5", IntakeRoute.SMTP, at,
                at.plus(Duration.ofDays(5)));
    }

    private static void attempt(String id, EgressIpAddress ip, Instant at, SmtpReply aliceReply,
                                RecipientOutcome aliceOutcome, SmtpReply bobReply, RecipientOutcome bobOutcome) {
        commands.sendAndWait(new RecordDeliveryAttemptCommand(MessageId.of(id), ip, "mx.receiver.example", "192.0.2.25",
                true, Duration.ofMillis(120), List.of(new RecipientResult(alice(), aliceReply, aliceOutcome),
                new RecipientResult(new EmailAddress("bob@other.example"), bobReply, bobOutcome)), at));
    }

    private static void operator(String path, String json) throws Exception {
        operator(path, json, "POST");
    }

    private static void operator(String path, String json, String method) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:"
                        + HttpService.port(service) + path))
                .method(method, json == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + HttpService.TOKEN);
        HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 30 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
