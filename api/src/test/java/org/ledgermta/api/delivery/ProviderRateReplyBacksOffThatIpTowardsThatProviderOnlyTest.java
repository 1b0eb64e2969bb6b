package org.ledgermta.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.egress.EgressIpBackOffEndedEvent;
import org.ledgermta.domain.egress.EgressIpBackedOffEvent;
import org.ledgermta.domain.provider.ProviderName;
import org.ledgermta.projections.egress.EgressPool;

/**
 * Gmail answers one transaction with its 421 4.7.28 rate reply: that IP backs off towards Gmail (1 a minute for
 * 10 s, 2 a minute for 10 s, in the test's providers file), keeps sending to Yahoo as before, and sends to Gmail
 * at its normal rate again once the back-off has ended.
 */
class ProviderRateReplyBacksOffThatIpTowardsThatProviderOnlyTest {

    static final String RATE_REPLY = "421 4.7.28 Our system has detected an unusual rate of unsolicited mail originating"
            + " from your IP address. To protect our users from spam, mail sent from your IP address has been temporarily"
            + " rate limited. Please visit https://support.google.com/mail/?p=UnsolicitedRateLimitError to review our"
            + " Bulk Email Senders Guidelines. 41be03b00d2f7-5e8e2d4fa3csi123456a12.170 - gsmtp";

    @Test
    void gmailsRateReplySlowsThatIpTowardsGmailOnlyUntilTheBackOffEnds() throws Exception {
        AtomicBoolean rateReplySent = new AtomicBoolean();
        try (ProviderMx providers = new ProviderMx();
             TestMx mx = new TestMx((ip, rcpt, seen) -> rcpt.endsWith("@" + providers.gmailDomain)
                     && rateReplySent.compareAndSet(false, true) ? Optional.of(RATE_REPLY) : Optional.empty());
             DeliveryFixture service = new DeliveryFixture(mx, properties(providers, mx))) {
            Submit.message(service.smtpPort(), "shop@shop.example", "first@" + providers.gmailDomain);
            TestMx.await("the back-off", Duration.ofSeconds(20),
                    () -> !service.events(EgressIpBackedOffEvent.class).isEmpty());
            EgressIpBackedOffEvent backedOff = service.events(EgressIpBackedOffEvent.class).getFirst();
            assertThat(backedOff.provider()).isEqualTo(new ProviderName("gmail"));
            assertThat(backedOff.ratePerMinute()).isEqualTo(1);
            String slowed = backedOff.address().value();
            assertThat(prometheus(service)).as("operators see it in the metrics").contains(
                    "ledgermta_egress_ip_backed_off_total{egress_ip=\"" + slowed + "\",provider=\"gmail\"} 1.0");

            for (int i = 0; i < 10; i++) {
                Submit.message(service.smtpPort(), "shop@shop.example", "during" + i + "@" + providers.gmailDomain);
            }
            for (int i = 0; i < 20; i++) {
                Submit.message(service.smtpPort(), "shop@shop.example", "during" + i + "@" + providers.yahooDomain);
            }
            TestMx.await("the first message and 30 more", Duration.ofSeconds(30), () -> mx.received.size() == 31);
            assertThat(service.events(EgressIpBackOffEndedEvent.class))
                    .as("the batch went out while the back-off ran (a machine this slow cannot tell)").isEmpty();
            assertThat(sent(mx, slowed, providers.gmailDomain))
                    .as("at most 1 a minute, then 2, to Gmail: the first step's place went to the 421 attempt")
                    .isLessThanOrEqualTo(2);
            assertThat(sent(mx, slowed, providers.yahooDomain)).as("Yahoo is not slowed down").isGreaterThanOrEqualTo(3);
            assertThat(service.context.getBean(EgressPool.class).find(new EgressIpAddress(slowed)).orElseThrow()
                    .backOffs()).singleElement().satisfies(running ->
                    assertThat(running.reply()).contains("4.7.28"));

            TestMx.await("the back-off's end", Duration.ofSeconds(40),
                    () -> !service.events(EgressIpBackOffEndedEvent.class).isEmpty());
            assertThat(service.events(EgressIpBackOffEndedEvent.class)).singleElement().satisfies(ended -> {
                assertThat(ended.address().value()).isEqualTo(slowed);
                assertThat(ended.provider().value()).isEqualTo("gmail");
            });
            assertThat(service.context.getBean(EgressPool.class).find(new EgressIpAddress(slowed)).orElseThrow()
                    .backOffs()).isEmpty();
            long before = sent(mx, slowed, providers.gmailDomain);
            for (int i = 0; i < 20; i++) {
                Submit.message(service.smtpPort(), "shop@shop.example", "after" + i + "@" + providers.gmailDomain);
            }
            TestMx.await("20 more to Gmail", Duration.ofSeconds(30), () -> mx.received.size() == 51);
            assertThat(sent(mx, slowed, providers.gmailDomain) - before)
                    .as("its rate to Gmail is back: it takes its share again").isGreaterThanOrEqualTo(3);
        }
    }

    static String[] properties(ProviderMx providers, TestMx mx) throws Exception {
        List<String> all = new ArrayList<>(List.of(providers.properties(mx)));
        all.add("mta.warm-up.providers-file=" + Path.of(ProviderRateReplyBacksOffThatIpTowardsThatProviderOnlyTest.class
                .getResource("/providers-fast-back-off.txt").toURI()));
        all.add("mta.retry.intervals=1s");
        return all.toArray(String[]::new);
    }

    static String prometheus(DeliveryFixture service) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + service.httpPort() + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static long sent(TestMx mx, String ip, String domain) {
        return mx.received.stream().filter(received -> received.clientIp().equals(ip))
                .filter(received -> received.recipients().getFirst().endsWith("@" + domain)).count();
    }
}
