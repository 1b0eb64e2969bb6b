package org.ledgermta.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ledgermta.api.redis.RedisReachabilityCheck;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the real application in this JVM, on the embedded store in the given data directory. */
public final class LedgerApplication {

    private LedgerApplication() {
    }

    public static ConfigurableApplicationContext start(Path dataDir, String... properties) {
        // these tests are about the store: nothing is delivered, so no route or DNS is needed
        // and SMTP on a free port, so that they never meet another service (or test run) on port 2525
        List<String> all = new ArrayList<>(List.of("mta.data-dir=" + dataDir, "mta.delivery.enabled=false",
                "mta.smtp.listen=127.0.0.1:0"));
        all.addAll(List.of(properties));
        return new SpringApplicationBuilder(LedgerMtaApplication.class)
                .web(WebApplicationType.NONE)
                .listeners(new RedisReachabilityCheck(false))
                .properties(all.toArray(String[]::new))
                .run();
    }
}
