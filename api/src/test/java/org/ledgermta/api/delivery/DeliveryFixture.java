package org.ledgermta.api.delivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ledgermta.api.EventsInLedger;
import org.ledgermta.api.LedgerMtaApplication;
import org.ledgermta.api.redis.RedisReachabilityCheck;
import org.ledgermta.api.smtp.SmtpIntakeServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole service for a delivery scenario: intake on a free port, an account relaying from 127.0.0.1,
 * egress IPs 127.0.0.11 and 127.0.0.12, and every domain routed to the scenario's {@link TestMx}.
 */
final class DeliveryFixture implements AutoCloseable {

    static final String IP_11 = "127.0.0.11";
    static final String IP_12 = "127.0.0.12";
    static final String OPERATOR_TOKEN = "operator-secret";

    final String account = "hosting-" + UUID.randomUUID().toString().substring(0, 8);
    final Path dataDir;
    final ConfigurableApplicationContext context;

    DeliveryFixture(TestMx mx, String... properties) throws Exception {
        this(Files.createTempDirectory("delivery-"), mx, properties);
    }

    DeliveryFixture(Path dataDir, TestMx mx, String... properties) {
        this.dataDir = dataDir;
        this.context = new SpringApplicationBuilder(LedgerMtaApplication.class)
                .listeners(new RedisReachabilityCheck(false))
                .properties(properties(dataDir, mx, account, properties).toArray(String[]::new))
                .run();
    }

    static List<String> properties(Path dataDir, TestMx mx, String account, String... extra) {
        List<String> all = new ArrayList<>(List.of(
                "mta.data-dir=" + dataDir,
                "server.port=0",
                "server.address=127.0.0.1",
                "mta.smtp.listen=127.0.0.1:0",
                "mta.hostname=relay.test.example",
                "mta.api.operator-token=" + OPERATOR_TOKEN,
                "mta.egress.ips=" + IP_11 + "=out11.relay.test.example," + IP_12 + "=out12.relay.test.example",
                "mta.routes=" + mx.route(),
                // never ask a real DNS server: every domain has a static route, this is only a backstop
                "mta.dns.resolver=127.0.0.1:1",
                "mta.accounts." + account + ".networks=127.0.0.1/32",
                // seasoned IPs: scenarios about warm-up say otherwise
                "mta.warm-up.default-plan=none"));
        all.addAll(List.of(extra));
        return all;
    }

    int smtpPort() {
        return context.getBean(SmtpIntakeServer.class).port();
    }

    int httpPort() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    <T> List<T> events(Class<T> type) {
        return EventsInLedger.of(context, type);
    }

    @Override
    public void close() {
        context.close();
    }
}
