package org.ledgermta.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.provider.ProviderName;
import org.ledgermta.domain.warmup.WarmUpPlan;

/**
 * The closing report of the warm-up issue, kept as a test: 2,000 messages to Gmail, Microsoft and Yahoo, one new
 * IP on the standard plan (day 1: 50 a day to each provider) and two seasoned ones, with the shipped providers
 * file's shaping. Prints, and writes to target/warm-up-report.txt, what each IP sent to each provider against
 * its cap.
 */
class TwoThousandMessagesToThreeProvidersRespectTheCapsTest {

    static final String NEW_IP = "127.0.0.13";
    static final int MESSAGES = 2_000;

    @Test
    void theNewIpSendsItsCapToEachProviderAndTheSeasonedOnesCarryTheRest() throws Exception {
        try (ProviderMx providers = new ProviderMx(); TestMx mx = TestMx.acceptingAll()) {
            List<String> properties = new ArrayList<>(List.of(providers.properties(mx)));
            properties.add("mta.egress.ips=127.0.0.11=out11.relay.test.example,127.0.0.12=out12.relay.test.example,"
                    + NEW_IP + "=out13.relay.test.example");
            properties.add("mta.warm-up.ips=" + NEW_IP + "=standard");
            try (DeliveryFixture service = new DeliveryFixture(mx, properties.toArray(String[]::new))) {
                List<String> domains = List.of(providers.gmailDomain, providers.microsoftDomain, providers.yahooDomain);
                for (int i = 0; i < MESSAGES; i++) {
                    Submit.message(service.smtpPort(), "news@shop.example",
                            "reader" + i + "@" + domains.get(i % domains.size()));
                }
                TestMx.await(MESSAGES + " deliveries", Duration.ofMinutes(5), () -> mx.received.size() == MESSAGES);

                Map<String, Map<String, Long>> sent = new TreeMap<>();
                for (TestMx.Received received : mx.received) {
                    String domain = received.recipients().getFirst().substring(
                            received.recipients().getFirst().indexOf('@') + 1);
                    String provider = domain.equals(providers.gmailDomain) ? "gmail"
                            : domain.equals(providers.microsoftDomain) ? "microsoft" : "yahoo";
                    sent.computeIfAbsent(received.clientIp(), ip -> new TreeMap<>()).merge(provider, 1L, Long::sum);
                }
                String report = report(sent);
                System.out.println(report);
                Files.writeString(Path.of("target", "warm-up-report.txt"), report);

                long cap = ((org.ledgermta.domain.warmup.DailyCap.Limited) WarmUpPlan.standard()
                        .capFor(new ProviderName("gmail"), 0)).messages();
                assertThat(sent.get(NEW_IP)).as("the new IP: its day-1 cap to each provider, no more")
                        .containsExactlyInAnyOrderEntriesOf(Map.of("gmail", cap, "microsoft", cap, "yahoo", cap));
                assertThat(sent.get(DeliveryFixture.IP_11).values().stream().mapToLong(Long::longValue).sum()
                        + sent.get(DeliveryFixture.IP_12).values().stream().mapToLong(Long::longValue).sum())
                        .isEqualTo(MESSAGES - 3 * cap);
            }
        }
    }

    static String report(Map<String, Map<String, Long>> sent) {
        StringBuilder report = new StringBuilder("warm-up run of " + MESSAGES + " messages on "
                + LocalDate.now(ZoneOffset.UTC) + " (UTC day 1 of " + NEW_IP + "'s standard plan)\n");
        report.append(String.format("%-12s %-10s %8s %10s%n", "egress IP", "provider", "sent", "cap today"));
        sent.forEach((ip, byProvider) -> byProvider.forEach((provider, count) -> report.append(String.format(
                "%-12s %-10s %8d %10s%n", ip, provider, count, ip.equals(NEW_IP) ? WarmUpPlan.standard()
                        .capFor(new ProviderName(provider), 0).describe() : "unlimited (seasoned)"))));
        return report.toString();
    }
}
