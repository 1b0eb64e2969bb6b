package org.ledgermta.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The operator's CLI (bin/ledgermta-admin) registers a sender domain, prints the records to publish, and
 * checks them against a DNS server — here one on loopback serving nothing, then exactly those records,
 * then a wrong SPF record.
 */
class AdminCliChecksPublishedRecordsTest {

    @Test
    void recordsAreReportedMissingThenPublishedThenWrongWithTheFix() throws Exception {
        try (ZoneResponder dns = new ZoneResponder(); TestMx mx = TestMx.acceptingAll();
             DeliveryFixture service = new DeliveryFixture(mx, "mta.dns.resolver=" + dns.address(),
                     "mta.dkim.master-key=7hjJfJ1cQpD2mQ3Zb6n3yWqK0r1s2t3u4v5w6x7y8z0=",
                     "mta.dkim.dmarc-report-mailbox=dmarc-reports@relay.test.example")) {
            assertThat(cli(service, "sender-domain", "register", "shop.example", service.account))
                    .startsWith("shop.example registered for " + service.account);

            List<String> zone = cli(service, "sender-domain", "records", "shop.example").lines().toList();
            assertThat(zone).hasSize(3);
            assertThat(zone.get(0)).contains("._domainkey.shop.example.").contains("\"v=DKIM1; k=rsa; ");
            assertThat(zone.get(1)).startsWith("shop.example. ").contains("v=spf1 ip4:127.0.0.11 ip4:127.0.0.12 ~all");
            assertThat(zone.get(2)).startsWith("_dmarc.shop.example. ").contains("v=DMARC1; p=none");

            assertThat(cli(service, "sender-domain", "check", "shop.example"))
                    .contains("DKIM   MISSING").contains("SPF    MISSING").contains("DMARC  MISSING")
                    .contains("Publish");

            dns.zone(zone);
            String published = cli(service, "sender-domain", "check", "shop.example");
            assertThat(published).contains("DKIM   PUBLISHED").contains("SPF    PUBLISHED").contains("DMARC  PUBLISHED");

            List<String> wrongSpf = new ArrayList<>(zone);
            wrongSpf.set(1, "shop.example. 3600 IN TXT \"v=spf1 include:_spf.other-provider.example -all\"");
            dns.zone(wrongSpf);
            assertThat(cli(service, "sender-domain", "check", "shop.example"))
                    .contains("DKIM   PUBLISHED").contains("SPF    WRONG").contains("127.0.0.11");
        }
    }

    private static String cli(DeliveryFixture service, String... args) throws Exception {
        return AdminCli.run(service, args);
    }
}
