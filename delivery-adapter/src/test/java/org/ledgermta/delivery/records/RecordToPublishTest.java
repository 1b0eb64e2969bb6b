package org.ledgermta.delivery.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ledgermta.delivery.records.Fixtures.POOL;
import static org.ledgermta.delivery.records.Fixtures.S1;
import static org.ledgermta.delivery.records.Fixtures.SHOP;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;

class RecordToPublishTest {

    private static TXTRecord parsedByDnsjava(String zoneLine) throws IOException {
        try (Master master = new Master(new ByteArrayInputStream(zoneLine.getBytes(StandardCharsets.US_ASCII)),
                Name.root)) {
            Record record = master.nextRecord();
            assertThat(master.nextRecord()).isNull();
            return (TXTRecord) record;
        }
    }

    private static List<String> strings(TXTRecord record) {
        return record.getStringsAsByteArrays().stream().map(b -> new String(b, StandardCharsets.US_ASCII)).toList();
    }

    @Test
    void a2048BitKeyIsCutIntoStringsOfAtMost255OctetsThatJoinBackToTheValue() throws IOException {
        RecordToPublish dkim = SenderDomainRecords.forDomain(SHOP, List.of(S1), SpfMode.egressIps(POOL), null)
                .getFirst();

        assertThat(S1.publicKey().length()).isGreaterThan(255);
        assertThat(dkim.chunks()).hasSize(3)
                .allSatisfy(chunk -> assertThat(chunk.getBytes(StandardCharsets.US_ASCII).length).isBetween(1, 255));
        assertThat(String.join("", dkim.chunks())).isEqualTo(dkim.value());
        // The tags stay whole; only the key, a single word, is cut.
        assertThat(dkim.chunks().get(0)).isEqualTo("v=DKIM1; k=rsa; ");
        assertThat(dkim.chunks().get(1)).startsWith("p=MII").hasSize(255);

        TXTRecord parsed = parsedByDnsjava(dkim.zoneLine());
        assertThat(parsed.getName()).isEqualTo(Name.fromString("s1._domainkey.shop.example."));
        assertThat(parsed.getTTL()).isEqualTo(3600);
        assertThat(strings(parsed)).isEqualTo(dkim.chunks());
        assertThat(dkim.zoneLine()).startsWith("s1._domainkey.shop.example. 3600 IN TXT \"v=DKIM1; k=rsa; \" \"p=MII");
    }

    @Test
    void valuesAreCutBetweenWordsWhenTheyCanBe() {
        String word255 = "a".repeat(255);
        String spf = "v=spf1 " + "ip4:203.0.113.100 ".repeat(15) + "~all";
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("v=spf1 -all", List.of("v=spf1 -all"));
        expected.put(word255, List.of(word255));
        expected.put(word255 + "b", List.of(word255, "b"));
        expected.put("x " + word255, List.of("x ", word255));
        expected.put("x " + word255 + "bc d", List.of("x ", word255, "bc d"));
        expected.put("a  b", List.of("a  b"));
        // 7 + 15 × 18 + 4 = 281 octets: 13 whole ip4 terms fit in the first string (7 + 13 × 18 = 241).
        expected.put(spf, List.of("v=spf1 " + "ip4:203.0.113.100 ".repeat(13),
                "ip4:203.0.113.100 ".repeat(2) + "~all"));

        Map<String, List<String>> actual = new LinkedHashMap<>();
        expected.keySet().forEach(value -> actual.put(value, RecordToPublish.chunks(value)));

        assertThat(actual).containsExactlyEntriesOf(expected);
        actual.forEach((value, chunks) -> assertThat(String.join("", chunks)).isEqualTo(value));
    }

    @Test
    void aShortRecordIsOneQuotedStringOnItsZoneLine() throws IOException {
        RecordToPublish spf = RecordToPublish.txt(RecordToPublish.SPF, "Shop.Example.",
                "v=spf1 include:spf.mta.example ~all");

        assertThat(spf.name()).isEqualTo("shop.example");
        assertThat(spf.chunks()).containsExactly("v=spf1 include:spf.mta.example ~all");
        assertThat(spf.zoneLine()).isEqualTo("shop.example. 3600 IN TXT \"v=spf1 include:spf.mta.example ~all\"");
        assertThat(strings(parsedByDnsjava(spf.zoneLine()))).containsExactly("v=spf1 include:spf.mta.example ~all");
    }

    @Test
    void quotesAndBackslashesAreEscapedOnTheZoneLine() throws IOException {
        RecordToPublish odd = RecordToPublish.txt(RecordToPublish.DMARC, "_dmarc.shop.example", "v=DMARC1; x=\"\\\"");

        assertThat(odd.zoneLine()).isEqualTo("_dmarc.shop.example. 3600 IN TXT \"v=DMARC1; x=\\\"\\\\\\\"\"");
        assertThat(strings(parsedByDnsjava(odd.zoneLine()))).containsExactly("v=DMARC1; x=\"\\\"");
    }

    @Test
    void inconsistentRecordsAreRefused() {
        assertThatThrownBy(() -> new RecordToPublish("SPF", "shop.example", "TXT", "v=spf1 -all",
                List.of("v=spf1", "-all"), "line"))
                .hasMessage("The TXT strings of shop.example do not join to its value.");
        assertThatThrownBy(() -> new RecordToPublish("MX", "shop.example", "TXT", "x", List.of("x"), "line"))
                .hasMessage("Record kind 'MX' is not one of DKIM, SPF, DMARC.");
        assertThatThrownBy(() -> new RecordToPublish("SPF", "shop.example", "SPF", "x", List.of("x"), "line"))
                .hasMessage("Record type 'SPF' of shop.example: expected TXT.");
        assertThatThrownBy(() -> RecordToPublish.txt("SPF", "shop.example", "v=spf1 ä"))
                .hasMessageContaining("must be non-empty printable ASCII");
        assertThatThrownBy(() -> RecordToPublish.txt("SPF", "shop..example", "v=spf1"))
                .hasMessageContaining("has an invalid label ''");
        String long256 = "a".repeat(256);
        assertThatThrownBy(() -> new RecordToPublish("SPF", "shop.example", "TXT", long256, List.of(long256), "l"))
                .hasMessage("The TXT strings of shop.example must each have 1 to 255 octets.");
    }
}
