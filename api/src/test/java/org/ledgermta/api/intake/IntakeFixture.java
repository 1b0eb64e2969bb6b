package org.ledgermta.api.intake;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ledgermta.api.EventsInLedger;
import org.ledgermta.api.LedgerMtaApplication;
import org.ledgermta.api.redis.RedisReachabilityCheck;
import org.ledgermta.api.smtp.SmtpIntakeServer;
import org.ledgermta.delivery.body.MessageBodyStore;
import org.ledgermta.domain.message.MessageAcceptedEvent;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A JUnit extension ({@code @RegisterExtension static}) that runs the whole service on loopback for one
 * intake scenario: SMTP on a free port, HTTP on a free port, the
 * embedded store in a temporary directory, and one account, {@link #account}, allowed to relay from
 * 127.0.0.1 only and to authenticate with {@link #PASSWORD}. Other 127/8 source addresses are strangers.
 */
final class IntakeFixture implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    static final String PASSWORD = "correct horse battery staple";
    static final String ALLOWED_CLIENT = "127.0.0.1";
    static final String STRANGER = "127.0.0.9";

    final String account = "hosting-" + UUID.randomUUID().toString().substring(0, 8);
    private final String[] extraProperties;
    private Path dataDir;
    private ConfigurableApplicationContext context;

    /** For {@code @RegisterExtension}: started before the test class, in a fresh data directory. */
    static IntakeFixture withProperties(String... properties) {
        return new IntakeFixture(properties);
    }

    private IntakeFixture(String... properties) {
        this.extraProperties = properties;
    }

    /** Started at once, in {@code dataDir}, for tests that manage the service's lifetime themselves. */
    IntakeFixture(Path dataDir, String... properties) {
        this.extraProperties = properties;
        start(dataDir);
    }

    @Override
    public void beforeAll(ExtensionContext extension) throws Exception {
        dataDir = Files.createTempDirectory("intake-");
        start(dataDir);
    }

    @Override
    public void afterAll(ExtensionContext extension) throws Exception {
        close();
        try (var files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private void start(Path dataDir) {
        List<String> all = new ArrayList<>(List.of(
                "mta.data-dir=" + dataDir,
                "server.port=0",
                "mta.smtp.listen=127.0.0.1:0",
                "mta.hostname=relay.test.example",
                // intake scenarios stop at the queue: nothing is delivered, no DNS question is asked
                "mta.delivery.enabled=false",
                "mta.accounts." + account + ".networks=127.0.0.1/32",
                "mta.accounts." + account + ".password=" + PASSWORD));
        all.addAll(List.of(extraProperties).stream().map(p -> p.replace("${account}", account)).toList());
        context = new SpringApplicationBuilder(LedgerMtaApplication.class)
                .listeners(new RedisReachabilityCheck(false))
                .properties(all.toArray(String[]::new))
                .run();
    }

    int smtpPort() {
        return context.getBean(SmtpIntakeServer.class).port();
    }

    int httpPort() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    SmtpTestClient connect(String sourceIp) throws Exception {
        SmtpTestClient client = SmtpTestClient.connect(smtpPort(), sourceIp);
        SmtpTestClient.Reply greeting = client.read();
        if (greeting.code() != 220) {
            throw new IllegalStateException("unexpected greeting " + greeting);
        }
        return client;
    }

    <T> List<T> events(Class<T> type) {
        return EventsInLedger.of(context, type);
    }

    byte[] storedBody(MessageAcceptedEvent accepted) {
        return context.getBean(MessageBodyStore.class).load(accepted.body()).orElseThrow();
    }

    static String message(String subject, String extraHeaders) {
        return "From: WordPress <wordpress@shop.example>\r\n"
                + "To: alice@receiver.example\r\n"
                + "Subject: " + subject + "\r\n"
                + extraHeaders
                + "\r\n"
                + "Your order has shipped.\r\n";
    }

    @Override
    public void close() {
        context.close();
    }
}
