package org.ledgermta.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.ledgermta.api.intake.SmtpTestClient;

/**
 * 1,000 messages, 10% of recipient offers deferred at random by the MX. Every message must arrive, and no
 * retry may reuse an IP that already failed for that message while another healthy IP was untried.
 */
class ThousandMessagesWithRandomDeferralsTest {

    private static final int MESSAGES = 1000;
    private static final Set<String> POOL = Set.of(DeliveryFixture.IP_11, DeliveryFixture.IP_12);

    @Test
    void everyMessageIsDeliveredAndNoRetryReusesAFailedIpWhileAnotherIsUntried() throws Exception {
        Random random = new Random(20261128);
        TestMx mx = new TestMx((ip, rcpt, seen) -> {
            synchronized (random) {
                return random.nextDouble() < 0.10
                        ? Optional.of("451 4.7.1 Greylisted, try again later") : Optional.empty();
            }
        });
        try (mx; DeliveryFixture service = new DeliveryFixture(mx, "mta.retry.intervals=1s")) {
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<?>> sent = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                int client = c;
                sent.add(clients.submit(() -> {
                    try (SmtpTestClient smtp = SmtpTestClient.connect(service.smtpPort(), "127.0.0.1")) {
                        smtp.read();
                        smtp.command("EHLO web.hosting.example");
                        for (int i = client; i < MESSAGES; i += 4) {
                            SmtpTestClient.Reply reply = smtp.send("shop@shop.example", List.of("r" + i + "@receiver.example"),
                                    "Subject: " + i + "\r\n\r\nbody " + i + "\r\n");
                            assertThat(reply.code()).isEqualTo(250);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : sent) {
                future.get();
            }
            clients.shutdown();

            TestMx.await("all " + MESSAGES + " delivered", Duration.ofMinutes(5),
                    () -> mx.received.size() >= MESSAGES);

            Map<String, List<String>> ipsOffered = new LinkedHashMap<>();
            mx.offered.forEach(rcpt -> ipsOffered.computeIfAbsent(rcpt.recipient(), r -> new ArrayList<>()).add(rcpt.clientIp()));
            int reusedWhileAnotherUntried = 0;
            int reusedAfterAllTried = 0;
            int retried = 0;
            for (List<String> ips : ipsOffered.values()) {
                Set<String> tried = new HashSet<>();
                for (int attempt = 0; attempt < ips.size(); attempt++) {
                    String ip = ips.get(attempt);
                    if (attempt > 0 && tried.contains(ip)) {
                        if (tried.containsAll(POOL)) {
                            reusedAfterAllTried++;
                        } else {
                            reusedWhileAnotherUntried++;
                        }
                    }
                    tried.add(ip);
                }
                retried += ips.size() > 1 ? 1 : 0;
            }
            long deferrals = mx.offered.stream().filter(rcpt -> rcpt.reply().startsWith("451")).count();
            System.out.printf("thousand-run: messages=%d delivered=%d distinct=%d offers=%d deferrals=%d "
                            + "messagesRetried=%d reusedWhileAnotherUntried=%d reusedAfterAllTried=%d%n",
                    MESSAGES, mx.received.size(),
                    mx.received.stream().flatMap(m -> m.recipients().stream()).distinct().count(),
                    mx.offered.size(), deferrals, retried, reusedWhileAnotherUntried, reusedAfterAllTried);

            assertThat(mx.received).hasSize(MESSAGES);
            assertThat(mx.received.stream().flatMap(m -> m.recipients().stream()).distinct()).hasSize(MESSAGES);
            assertThat(deferrals).isBetween(50L, 200L);
            assertThat(reusedWhileAnotherUntried).isZero();
        }
    }
}
