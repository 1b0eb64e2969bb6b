package org.ledgermta.delivery.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledgermta.delivery.records.Fixtures.OUR_SPF_DOMAIN;
import static org.ledgermta.delivery.records.Fixtures.POOL;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ledgermta.delivery.records.RecordStatus.Status;

/** What the check makes of one published TXT value, without DNS: the matching rules as tables. */
class SpfAndDmarcJudgementTest {

    static final RecordToPublish IP_LIST = RecordToPublish.txt(RecordToPublish.SPF, "shop.example",
            SenderDomainRecords.spfValue(SpfMode.egressIps(POOL)));
    static final RecordToPublish INCLUDE = RecordToPublish.txt(RecordToPublish.SPF, "shop.example",
            SenderDomainRecords.spfValue(SpfMode.include(OUR_SPF_DOMAIN)));
    static final RecordToPublish DMARC = RecordToPublish.txt(RecordToPublish.DMARC, "_dmarc.shop.example",
            SenderDomainRecords.dmarcValue(null));

    private static Map<String, Status> judged(RecordToPublish expected, List<String> published) {
        Map<String, Status> statuses = new LinkedHashMap<>();
        published.forEach(value -> statuses.put(value, RecordCheck.judge(expected, List.of(value)).status()));
        return statuses;
    }

    @Test
    void anSpfRecordPassesWhenItsFirstMatchingIpTermForEachEgressIpIsAPass() {
        Map<String, Status> expected = new LinkedHashMap<>();
        expected.put("v=spf1 ip4:203.0.113.10 ip4:203.0.113.11 ip6:2001:db8::10 ~all", Status.PUBLISHED);
        expected.put("V=SPF1 IP4:203.0.113.11 +ip4:203.0.113.10 ip6:2001:DB8:0:0::10 -all", Status.PUBLISHED);
        expected.put("v=spf1 ip4:203.0.113.8/29 ip6:2001:db8::/64", Status.PUBLISHED);
        expected.put("v=spf1 a mx ptr exists:%{i}.x.example ip4:203.0.0.0/16 ip6:::/0 ?all", Status.PUBLISHED);
        // "all" ends the evaluation: terms after it are never reached (RFC 7208 §5.1).
        expected.put("v=spf1 -all ip4:203.0.113.0/24 ip6:2001:db8::/32", Status.WRONG);
        // The first match decides, and a fail qualifier authorises nothing (RFC 7208 §4.6.2).
        expected.put("v=spf1 -ip4:203.0.113.10 ip4:203.0.113.0/24 ip6:2001:db8::/32 ~all", Status.WRONG);
        expected.put("v=spf1 ~ip4:203.0.113.0/24 ip6:2001:db8::/32 ~all", Status.WRONG);
        expected.put("v=spf1 ip4:203.0.113.16/28 ip6:2001:db8::/32 ~all", Status.WRONG);
        expected.put("v=spf1 ip4:203.0.113.10/33 ip4:203.0.113.11 ip6:2001:db8::10", Status.WRONG);
        expected.put("v=spf1 ip4:203.0.113.10 ip4:203.0.113.11 ip4:2001:db8::10", Status.WRONG);
        // Includes, a and mx of other domains are not followed: the IPs must be named in the record itself.
        expected.put("v=spf1 a mx include:_spf.office.example ~all", Status.WRONG);
        expected.put("v=spf1 include:spf.mta.example ~all", Status.WRONG);
        expected.put("v=spf10 ip4:203.0.113.10 ip4:203.0.113.11 ip6:2001:db8::10", Status.MISSING);
        expected.put("spf1 ip4:203.0.113.10", Status.MISSING);

        assertThat(judged(IP_LIST, List.copyOf(expected.keySet()))).containsExactlyEntriesOf(expected);
    }

    @Test
    void inIncludeModeOnlyAPassingIncludeOfOurSpfDomainCounts() {
        Map<String, Status> expected = new LinkedHashMap<>();
        expected.put("v=spf1 include:spf.mta.example ~all", Status.PUBLISHED);
        expected.put("v=spf1 mx include:SPF.MTA.EXAMPLE. -all", Status.PUBLISHED);
        expected.put("v=spf1 +include:spf.mta.example", Status.PUBLISHED);
        expected.put("v=spf1 redirect=spf.mta.example", Status.PUBLISHED);
        expected.put("v=spf1 -include:spf.mta.example ~all", Status.WRONG);
        expected.put("v=spf1 ~all include:spf.mta.example", Status.WRONG);
        expected.put("v=spf1 include:mta.example ~all", Status.WRONG);
        expected.put("v=spf1 -all redirect=spf.mta.example", Status.WRONG);
        // The pool listed by hand works today, but not after the pool changes: that is what the include is for.
        expected.put("v=spf1 ip4:203.0.113.10 ip4:203.0.113.11 ip6:2001:db8::10 -all", Status.WRONG);

        assertThat(judged(INCLUDE, List.copyOf(expected.keySet()))).containsExactlyEntriesOf(expected);
    }

    @Test
    void aDmarcRecordIsOneThatStartsWithVEqualsDmarc1() {
        Map<String, Status> expected = new LinkedHashMap<>();
        expected.put("v=DMARC1; p=none", Status.PUBLISHED);
        expected.put("v=DMARC1", Status.PUBLISHED);
        expected.put("v = DMARC1 ;p=reject;pct=50", Status.PUBLISHED);
        expected.put("V=DMARC1; p=quarantine", Status.PUBLISHED);
        // RFC 7489 §6.4: the value DMARC1 must match exactly, and v= must come first.
        expected.put("v=dmarc1; p=none", Status.MISSING);
        expected.put("p=none; v=DMARC1", Status.MISSING);
        expected.put("v=DMARC10; p=none", Status.MISSING);

        assertThat(judged(DMARC, List.copyOf(expected.keySet()))).containsExactlyEntriesOf(expected);
    }

    @Test
    void dkimKeysCompareWithoutWhitespaceAndWhateverTheTagOrder() {
        assertThat(List.of("v=DKIM1; k=rsa; p=QUJD", "p=QU JD;k=rsa", "k=rsa; p =\tQ\r\nUJD ; t=y", "h=sha256",
                "v=DKIM1; p=", "v=DKIM1; p=QUJDRA=="))
                .map(RecordCheck::dkimKey)
                .map(key -> key.orElse("(none)"))
                .containsExactly("QUJD", "QUJD", "QUJD", "(none)", "", "QUJDRA==");
    }
}
