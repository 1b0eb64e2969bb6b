package org.ledgermta.delivery.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ledgermta.delivery.records.Fixtures.OUR_SPF_DOMAIN;
import static org.ledgermta.delivery.records.Fixtures.POOL;
import static org.ledgermta.delivery.records.Fixtures.S1;
import static org.ledgermta.delivery.records.Fixtures.S2;
import static org.ledgermta.delivery.records.Fixtures.SHOP;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.DomainName;
import org.ledgermta.domain.egress.EgressIpAddress;

class SenderDomainRecordsTest {

    private static List<EgressIpAddress> ips(String... addresses) {
        return List.of(addresses).stream().map(EgressIpAddress::new).toList();
    }

    @Test
    void aDomainGetsOneDkimRecordPerSelectorThenSpfThenDmarc() {
        List<RecordToPublish> records = SenderDomainRecords.forDomain(SHOP, List.of(S1, S2),
                SpfMode.egressIps(POOL), "dmarc-reports@shop.example");

        assertThat(records).extracting(record -> record.kind() + " " + record.type() + " " + record.name())
                .containsExactly(
                        "DKIM TXT s1._domainkey.shop.example",
                        "DKIM TXT s2._domainkey.shop.example",
                        "SPF TXT shop.example",
                        "DMARC TXT _dmarc.shop.example");
        assertThat(records).extracting(RecordToPublish::value).containsExactly(
                "v=DKIM1; k=rsa; p=" + S1.publicKey(),
                "v=DKIM1; k=rsa; p=" + S2.publicKey(),
                "v=spf1 ip4:203.0.113.10 ip4:203.0.113.11 ip6:2001:db8::10 ~all",
                "v=DMARC1; p=none; rua=mailto:dmarc-reports@shop.example; adkim=r; aspf=r");
    }

    @Test
    void spfValuesForEachMode() {
        Map<SpfMode, String> expected = new LinkedHashMap<>();
        expected.put(SpfMode.egressIps(ips("203.0.113.10")), "v=spf1 ip4:203.0.113.10 ~all");
        // IPv4 first, then IPv6, each in pool order, each once, in their normal form.
        expected.put(SpfMode.egressIps(ips("2001:DB8:0::11", "203.0.113.11", "2001:db8::10", "203.0.113.10",
                        "203.0.113.11")),
                "v=spf1 ip4:203.0.113.11 ip4:203.0.113.10 ip6:2001:db8::11 ip6:2001:db8::10 ~all");
        expected.put(SpfMode.egressIps(ips("2001:db8::10")), "v=spf1 ip6:2001:db8::10 ~all");
        expected.put(SpfMode.include(OUR_SPF_DOMAIN), "v=spf1 include:spf.mta.example ~all");
        expected.put(SpfMode.include(new DomainName("Spf.Other-Mta.Example.")),
                "v=spf1 include:spf.other-mta.example ~all");

        Map<SpfMode, String> actual = new LinkedHashMap<>();
        expected.keySet().forEach(mode -> actual.put(mode, SenderDomainRecords.spfValue(mode)));

        assertThat(actual).containsExactlyEntriesOf(expected);
    }

    @Test
    void dmarcValuesWithAndWithoutAReportMailbox() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(null, "v=DMARC1; p=none; adkim=r; aspf=r");
        expected.put("dmarc@shop.example", "v=DMARC1; p=none; rua=mailto:dmarc@shop.example; adkim=r; aspf=r");
        expected.put("Reports+Shop@Reports.MTA.Example",
                "v=DMARC1; p=none; rua=mailto:Reports+Shop@reports.mta.example; adkim=r; aspf=r");
        // RFC 7489 §6.2: "!" separates a size limit in a DMARC URI, so a literal one is percent-encoded.
        expected.put("dmarc!shop@mta.example",
                "v=DMARC1; p=none; rua=mailto:dmarc%21shop@mta.example; adkim=r; aspf=r");
        expected.put("rapports.dmarc@shop.example",
                "v=DMARC1; p=none; rua=mailto:rapports.dmarc@shop.example; adkim=r; aspf=r");

        Map<String, String> actual = new LinkedHashMap<>();
        expected.keySet().forEach(mailbox -> actual.put(mailbox, SenderDomainRecords.dmarcValue(mailbox)));

        assertThat(actual).containsExactlyEntriesOf(expected);
    }

    @Test
    void aReportMailboxThatIsNotAnAddressIsRefused() {
        assertThatThrownBy(() -> SenderDomainRecords.forDomain(SHOP, List.of(S1), SpfMode.egressIps(POOL),
                "mailto:dmarc@shop.example"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mailto:dmarc@shop.example");
    }

    @Test
    void dkimValuesCarryTheKeyTypeAndTheKeyOfEachSelector() throws NoSuchAlgorithmException {
        PublicKey ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
        byte[] spki = ed25519.getEncoded();

        DkimRecordInput edwards = DkimRecordInput.of("ed-2024", ed25519);

        assertThat(S1.keyType()).isEqualTo("rsa");
        assertThat(S1.publicKey()).isEqualTo(Base64.getEncoder().encodeToString(Fixtures.KEY_1.getEncoded()));
        assertThat(edwards.keyType()).isEqualTo("ed25519");
        // RFC 8463 §4: the bare 32-octet key, not the SubjectPublicKeyInfo around it.
        assertThat(Base64.getDecoder().decode(edwards.publicKey()))
                .hasSize(32)
                .isEqualTo(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        assertThat(SenderDomainRecords.dkimValue(edwards)).isEqualTo("v=DKIM1; k=ed25519; p=" + edwards.publicKey());
        assertThat(new DkimRecordInput("S1.Shop", "rsa", " QUJD\n RA== ").publicKey()).isEqualTo("QUJDRA==");
        assertThat(new DkimRecordInput("S1.Shop", "rsa", "QUJD").selector()).isEqualTo("s1.shop");
    }

    @Test
    void badDkimInputIsRefusedWithTheReason() {
        assertThatThrownBy(() -> new DkimRecordInput("s1_x", "rsa", "QUJD"))
                .hasMessageContaining("DKIM selector 's1_x' is not valid");
        assertThatThrownBy(() -> new DkimRecordInput("s1", "dsa", "QUJD"))
                .hasMessageContaining("DKIM key type 'dsa' of selector s1 is not supported");
        assertThatThrownBy(() -> new DkimRecordInput("s1", "rsa", " "))
                .hasMessageContaining("would publish a revoked key");
        assertThatThrownBy(() -> new DkimRecordInput("s1", "rsa", "QUJ;"))
                .hasMessageContaining("is not base64");
        assertThatThrownBy(() -> SenderDomainRecords.forDomain(SHOP, List.of(S1, DkimRecordInput.of("S1",
                Fixtures.KEY_2)), SpfMode.egressIps(POOL), null))
                .hasMessage("DKIM selector s1 of shop.example is given twice: one selector publishes one key.");
    }

    @Test
    void anSpfRecordTooLongForOneUdpAnswerIsRefusedInFavourOfIncludeMode() {
        List<EgressIpAddress> bigPool = IntStream.rangeClosed(100, 125)
                .mapToObj(i -> new EgressIpAddress("203.0.113." + i)).toList();

        assertThatThrownBy(() -> SenderDomainRecords.forDomain(SHOP, List.of(), SpfMode.egressIps(bigPool), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("The SPF record listing 26 egress IPs would be")
                .hasMessageContaining("use include mode");
        assertThat(SenderDomainRecords.spfValue(SpfMode.egressIps(bigPool.subList(0, 20)))).hasSizeLessThan(450);
        assertThatThrownBy(() -> SpfMode.egressIps(List.of()))
                .hasMessageContaining("needs at least one egress IP (mta.egress.ips)");
    }
}
