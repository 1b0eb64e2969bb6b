package org.ledgermta.delivery.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ledgermta.delivery.records.Fixtures.OUR_SPF_DOMAIN;
import static org.ledgermta.delivery.records.Fixtures.POOL;
import static org.ledgermta.delivery.records.Fixtures.S1;
import static org.ledgermta.delivery.records.Fixtures.S2;
import static org.ledgermta.delivery.records.Fixtures.SHOP;
import static org.ledgermta.delivery.records.Fixtures.SOA;
import static org.ledgermta.delivery.records.Fixtures.txt;
import static org.ledgermta.delivery.records.Fixtures.txtCutEvery200;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ledgermta.delivery.records.RecordStatus.Status;
import org.ledgermta.delivery.testing.LoopbackDnsResponder;
import org.ledgermta.domain.DomainName;
import org.xbill.DNS.Rcode;

class RecordCheckTest {

    static final List<RecordToPublish> EXPECTED = SenderDomainRecords.forDomain(SHOP, List.of(S1),
            SpfMode.egressIps(POOL), "dmarc-reports@shop.example");
    static final RecordToPublish DKIM = EXPECTED.get(0);
    static final RecordToPublish SPF = EXPECTED.get(1);
    static final RecordToPublish DMARC = EXPECTED.get(2);

    private LoopbackDnsResponder dns;

    @AfterEach
    void stop() {
        if (dns != null) {
            dns.close();
        }
    }

    private List<RecordStatus> check(List<RecordToPublish> expected, String... zone) throws IOException {
        dns = new LoopbackDnsResponder(zone);
        return new RecordCheck(dns.address(), Duration.ofSeconds(2)).check(SHOP, expected);
    }

    private static List<Status> statuses(List<RecordStatus> result) {
        return result.stream().map(RecordStatus::status).toList();
    }

    private static String[] zone(String... lines) {
        List<String> zone = new ArrayList<>(List.of(SOA));
        zone.addAll(List.of(lines));
        return zone.toArray(String[]::new);
    }

    @Test
    void theZoneLinesWePrintAreAllPublishedOnceACustomerPastesThem() throws IOException {
        List<RecordStatus> result = check(EXPECTED, zone(DKIM.zoneLine(), SPF.zoneLine(), DMARC.zoneLine()));

        assertThat(statuses(result)).containsExactly(Status.PUBLISHED, Status.PUBLISHED, Status.PUBLISHED);
        // The 2048-bit key travels as several strings and comes back joined into the one value.
        assertThat(DKIM.chunks()).hasSizeGreaterThan(1);
        assertThat(result).extracting(RecordStatus::found)
                .containsExactly(List.of(DKIM.value()), List.of(SPF.value()), List.of(DMARC.value()));
        assertThat(result.get(0).fix()).isEqualTo("Nothing to do: the DKIM record at s1._domainkey.shop.example"
                + " is published.");
        assertThat(result).extracting(RecordStatus::expected).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void aDomainWithNothingPublishedHasEveryRecordMissingWithTheValueToPublish() throws IOException {
        List<RecordStatus> result = check(EXPECTED, zone());

        assertThat(statuses(result)).containsExactly(Status.MISSING, Status.MISSING, Status.MISSING);
        assertThat(result).extracting(RecordStatus::fix).containsExactly(
                "Publish a TXT record at s1._domainkey.shop.example with the value " + DKIM.value() + ".",
                "Publish a TXT record at shop.example with the value"
                        + " v=spf1 ip4:203.0.113.10 ip4:203.0.113.11 ip6:2001:db8::10 ~all.",
                "Publish a TXT record at _dmarc.shop.example with the value"
                        + " v=DMARC1; p=none; rua=mailto:dmarc-reports@shop.example; adkim=r; aspf=r,"
                        + " and once its reports show that all your mail passes, move to p=quarantine and then"
                        + " p=reject.");
        assertThat(result).allSatisfy(status -> assertThat(status.found()).isEmpty());
    }

    @Test
    void aDomainThatDoesNotExistHasEveryRecordMissing() throws IOException {
        List<RecordStatus> result = check(EXPECTED,
                "other.example. 3600 IN SOA ns.other.example. hostmaster.other.example. 1 7200 900 1209600 300");

        assertThat(statuses(result)).containsExactly(Status.MISSING, Status.MISSING, Status.MISSING);
    }

    @Test
    void otherTxtRecordsAtTheDomainAreNotAnSpfRecord() throws IOException {
        List<RecordStatus> result = check(List.of(SPF), zone(
                txt("shop.example", "google-site-verification=abc123"),
                txt("shop.example", "v=spf10 ip4:203.0.113.0/24")));

        assertThat(result.getFirst().status()).isEqualTo(Status.MISSING);
        assertThat(result.getFirst().found())
                .containsExactly("google-site-verification=abc123", "v=spf10 ip4:203.0.113.0/24");
    }

    @Test
    void aDkimRecordWithAnotherKeyIsWrongAndTheFixGivesOurKey() throws IOException {
        String theirKey = Base64.getEncoder().encodeToString(Fixtures.rsa2048().getEncoded());

        List<RecordStatus> result = check(List.of(DKIM),
                zone(txtCutEvery200("s1._domainkey.shop.example", "v=DKIM1; k=rsa; p=" + theirKey)));

        RecordStatus status = result.getFirst();
        assertThat(status.status()).isEqualTo(Status.WRONG);
        assertThat(status.found()).containsExactly("v=DKIM1; k=rsa; p=" + theirKey);
        assertThat(status.fix()).isEqualTo("The DKIM key published at s1._domainkey.shop.example is not the one we"
                + " sign with: replace p=" + theirKey.substring(0, 16) + "… with p=" + S1.publicKey() + ".");
    }

    @Test
    void aDkimRecordWithTagsInAnotherOrderAndTheKeyFoldedIsPublished() throws IOException {
        String key = S1.publicKey();

        List<RecordStatus> result = check(List.of(DKIM), zone(txt("s1._domainkey.shop.example",
                "k=rsa ;  p = " + key.substring(0, 150) + " ",
                " " + key.substring(150, 300) + "  ",
                key.substring(300) + " ; t=s; v=DKIM1")));

        assertThat(result.getFirst().status()).isEqualTo(Status.PUBLISHED);
    }

    @Test
    void aRevokedDkimKeyIsWrong() throws IOException {
        List<RecordStatus> result = check(List.of(DKIM), zone(txt("s1._domainkey.shop.example", "v=DKIM1; p=")));

        assertThat(result.getFirst().status()).isEqualTo(Status.WRONG);
        assertThat(result.getFirst().fix()).isEqualTo("The DKIM key at s1._domainkey.shop.example is revoked (its p="
                + " is empty, RFC 6376 §3.6.1): replace the record with " + DKIM.value() + ".");
    }

    @Test
    void aSecondRecordBesideOurDkimKeyIsWrongBecauseAVerifierMayPickEither() throws IOException {
        List<RecordStatus> result = check(List.of(DKIM), zone(DKIM.zoneLine(),
                txt("s1._domainkey.shop.example", "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3")));

        assertThat(result.getFirst().status()).isEqualTo(Status.WRONG);
        assertThat(result.getFirst().found()).hasSize(2);
        assertThat(result.getFirst().fix()).startsWith("s1._domainkey.shop.example has 2 TXT records and a verifier"
                + " may use any one of them (RFC 6376 §6.1.2): keep only the one with our key");
    }

    @Test
    void duringARotationEachSelectorIsCheckedOnItsOwn() throws IOException {
        List<RecordToPublish> rotation = SenderDomainRecords.forDomain(SHOP, List.of(S1, S2),
                SpfMode.egressIps(POOL), null);

        List<RecordStatus> result = check(rotation, zone(rotation.get(0).zoneLine(), SPF.zoneLine(),
                txt("_dmarc.shop.example", "v=DMARC1; p=reject")));

        assertThat(result).extracting(status -> status.expected().name() + " " + status.status()).containsExactly(
                "s1._domainkey.shop.example PUBLISHED",
                "s2._domainkey.shop.example MISSING",
                "shop.example PUBLISHED",
                "_dmarc.shop.example PUBLISHED");
    }

    @Test
    void aDkimSelectorDelegatedToUsByCnameIsPublished() throws IOException {
        List<RecordStatus> result = check(List.of(DKIM), zone(
                "s1._domainkey.shop.example. 300 IN CNAME s1.shop-example._domainkey.mta.example.",
                txtCutEvery200("s1.shop-example._domainkey.mta.example", DKIM.value())));

        assertThat(result.getFirst().status()).isEqualTo(Status.PUBLISHED);
    }

    @Test
    void anSpfRecordWithoutOurIpsIsWrongAndTheFixSaysWhatToAdd() throws IOException {
        List<RecordStatus> result = check(List.of(SPF), zone(txt("shop.example", "v=spf1 include:other.example -all")));

        RecordStatus status = result.getFirst();
        assertThat(status.status()).isEqualTo(Status.WRONG);
        assertThat(status.found()).containsExactly("v=spf1 include:other.example -all");
        assertThat(status.fix()).isEqualTo("The SPF record at shop.example is v=spf1 include:other.example -all;"
                + " add ip4:203.0.113.10 ip4:203.0.113.11 ip6:2001:db8::10 to it, before -all (a domain may have"
                + " only one SPF record, RFC 7208 §3.2; its include:other.example was not looked into).");
    }

    @Test
    void anSpfRecordWithOnlySomeOfOurIpsAsksForTheOthersOnly() throws IOException {
        List<RecordStatus> result = check(List.of(SPF),
                zone(txt("shop.example", "v=spf1 mx ip4:203.0.113.10")));

        assertThat(result.getFirst().status()).isEqualTo(Status.WRONG);
        assertThat(result.getFirst().fix()).isEqualTo("The SPF record at shop.example is v=spf1 mx ip4:203.0.113.10;"
                + " add ip4:203.0.113.11 ip6:2001:db8::10 to it (a domain may have only one SPF record,"
                + " RFC 7208 §3.2).");
    }

    @Test
    void anSpfRecordCoveringOurIpsWithNetworksAndOtherSendersIsPublished() throws IOException {
        List<RecordStatus> result = check(List.of(SPF), zone(txt("shop.example",
                "v=spf1 mx include:_spf.office.example ip4:203.0.113.0/24 ", "ip6:2001:db8::/32 -all")));

        assertThat(result.getFirst().status()).isEqualTo(Status.PUBLISHED);
    }

    @Test
    void twoSpfRecordsAreWrongEvenWhenOneOfThemIsOurs() throws IOException {
        List<RecordStatus> result = check(List.of(SPF),
                zone(SPF.zoneLine(), txt("shop.example", "v=spf1 include:other.example -all")));

        RecordStatus status = result.getFirst();
        assertThat(status.status()).isEqualTo(Status.WRONG);
        assertThat(status.fix()).isEqualTo("shop.example has 2 SPF records (" + SPF.value()
                + " and v=spf1 include:other.example -all) and receivers treat that as a permanent error: merge"
                + " them into one record (a domain may have only one SPF record, RFC 7208 §3.2).");
    }

    @Test
    void twoSpfRecordsWithoutOurIpsAskForThemInTheMergedRecord() throws IOException {
        List<RecordStatus> result = check(List.of(SPF), zone(txt("shop.example", "v=spf1 mx -all"),
                txt("shop.example", "v=spf1 ip4:203.0.113.10 -all")));

        assertThat(result.getFirst().status()).isEqualTo(Status.WRONG);
        assertThat(result.getFirst().fix()).isEqualTo("shop.example has 2 SPF records (v=spf1 mx -all and"
                + " v=spf1 ip4:203.0.113.10 -all) and receivers treat that as a permanent error: merge them into"
                + " one record that also contains ip4:203.0.113.11 ip6:2001:db8::10 (a domain may have only one"
                + " SPF record, RFC 7208 §3.2).");
    }

    @Test
    void inIncludeModeTheIncludeOfOurSpfDomainIsWhatCounts() throws IOException {
        RecordToPublish include = SenderDomainRecords.forDomain(SHOP, List.of(), SpfMode.include(OUR_SPF_DOMAIN),
                null).getFirst();

        List<RecordStatus> published = check(List.of(include),
                zone(txt("shop.example", "v=spf1 mx include:spf.mta.example -all")));
        dns.close();
        List<RecordStatus> wrong = check(List.of(include), zone(txt("shop.example", "v=spf1 mx -all")));

        assertThat(published.getFirst().status()).isEqualTo(Status.PUBLISHED);
        assertThat(wrong.getFirst().status()).isEqualTo(Status.WRONG);
        assertThat(wrong.getFirst().fix()).isEqualTo("The SPF record at shop.example is v=spf1 mx -all; add"
                + " include:spf.mta.example to it, before -all (a domain may have only one SPF record,"
                + " RFC 7208 §3.2).");
    }

    @Test
    void anyDmarcRecordCountsAsPublishedButTwoCountAsNone() throws IOException {
        List<RecordStatus> one = check(List.of(DMARC),
                zone(txt("_dmarc.shop.example", "v=DMARC1; p=quarantine; rua=mailto:d@elsewhere.example")));
        dns.close();
        List<RecordStatus> two = check(List.of(DMARC), zone(txt("_dmarc.shop.example", "v=DMARC1; p=none"),
                txt("_dmarc.shop.example", "v=DMARC1; p=reject")));

        assertThat(one.getFirst().status()).isEqualTo(Status.PUBLISHED);
        assertThat(one.getFirst().fix()).isEqualTo("Nothing to do: _dmarc.shop.example publishes a DMARC record.");
        assertThat(two.getFirst().status()).isEqualTo(Status.WRONG);
        assertThat(two.getFirst().fix()).isEqualTo("_dmarc.shop.example has 2 DMARC records, so receivers apply"
                + " none of them (RFC 7489 §6.6.3): keep only one.");
    }

    @Test
    void aResponderThatNeverAnswersMakesEveryRecordLookupFailedWithinTheTimeout() throws IOException {
        dns = new LoopbackDnsResponder(zone(DKIM.zoneLine(), SPF.zoneLine(), DMARC.zoneLine()));
        dns.neverAnswer();
        RecordCheck check = new RecordCheck(dns.address(), Duration.ofMillis(500));

        long start = System.nanoTime();
        List<RecordStatus> result = check.check(SHOP, EXPECTED);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(statuses(result)).containsExactly(Status.LOOKUP_FAILED, Status.LOOKUP_FAILED,
                Status.LOOKUP_FAILED);
        // The three names are asked at once, so the whole check waits one timeout, not three.
        assertThat(took).isLessThan(Duration.ofMillis(1500));
        assertThat(dns.queries()).isGreaterThanOrEqualTo(3);
        String server = "127.0.0.1:" + dns.address().getPort();
        assertThat(result.get(1).fix()).isEqualTo("The TXT records at shop.example could not be looked up (no"
                + " reply from " + server + " within 500 ms); run the check again, and if it keeps failing make"
                + " sure the domain's name servers answer.");
        assertThat(result).allSatisfy(status -> assertThat(status.found()).isEmpty());
    }

    @Test
    void aServerFailureForOneNameFailsOnlyThatRecord() throws IOException {
        dns = new LoopbackDnsResponder(zone(DKIM.zoneLine(), SPF.zoneLine(), DMARC.zoneLine()));
        dns.answerWith("_dmarc.shop.example.", Rcode.SERVFAIL);

        List<RecordStatus> result = new RecordCheck(dns.address(), Duration.ofSeconds(2)).check(SHOP, EXPECTED);

        assertThat(statuses(result)).containsExactly(Status.PUBLISHED, Status.PUBLISHED, Status.LOOKUP_FAILED);
        assertThat(result.get(2).fix()).startsWith("The TXT records at _dmarc.shop.example could not be looked up"
                + " (the DNS server answered SERVFAIL)");
    }

    @Test
    void recordsOfAnotherDomainAreRefused() throws IOException {
        dns = new LoopbackDnsResponder(zone());
        RecordCheck check = new RecordCheck(dns.address(), Duration.ofSeconds(2));

        assertThatThrownBy(() -> check.check(new DomainName("other.example"), EXPECTED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Record s1._domainkey.shop.example is not in the domain other.example.");
    }
}
