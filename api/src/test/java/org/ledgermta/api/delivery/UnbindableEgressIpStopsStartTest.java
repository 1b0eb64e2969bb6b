package org.ledgermta.api.delivery;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.ledgermta.api.LedgerMtaApplication;
import org.ledgermta.api.redis.RedisReachabilityCheck;
import org.springframework.boot.builder.SpringApplicationBuilder;

class UnbindableEgressIpStopsStartTest {

    @Test
    void anEgressIpThatIsNotOnThisHostStopsStartUpNamingTheIpAndTheReason() throws Exception {
        // 192.0.2.1 (TEST-NET-1) is on no interface here: binding fails locally, no packet is sent
        assertThatThrownBy(() -> new SpringApplicationBuilder(LedgerMtaApplication.class)
                .listeners(new RedisReachabilityCheck(false))
                .properties("mta.data-dir=" + Files.createTempDirectory("unbindable-"), "server.port=0",
                        "mta.smtp.listen=127.0.0.1:0", "mta.egress.ips=127.0.0.11,192.0.2.1",
                        "mta.dns.resolver=127.0.0.1:1")
                .run())
                .rootCause()
                .hasMessageContaining("mta.egress.ips: 192.0.2.1 cannot be used on this host")
                .hasMessageContaining("Cannot assign requested address");
    }
}
