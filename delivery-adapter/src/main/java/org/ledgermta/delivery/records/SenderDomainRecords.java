package org.ledgermta.delivery.records;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.SequencedSet;
import java.util.Set;
import org.ledgermta.domain.DomainName;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.egress.EgressIpAddress;

/** The DNS records a customer publishes so that mail we relay for their domain passes DKIM, SPF and DMARC. */
public final class SenderDomainRecords {

    // RFC 7208 §3.4: keep an SPF record under 450 octets so the whole answer fits a 512-octet UDP reply.
    static final int MAX_SPF_OCTETS = 450;

    private SenderDomainRecords() {
    }

    /**
     * The DKIM record of every key (in the order given), then the SPF record, then the suggested DMARC record.
     *
     * @param keys               the domain's DKIM keys, one per selector; two during a rotation, none if it has none
     * @param spf                our egress IPs listed in the record, or an include: of our own SPF domain
     * @param dmarcReportMailbox where aggregate reports go (rua=), or null for a record without reports
     */
    public static List<RecordToPublish> forDomain(DomainName domain, List<DkimRecordInput> keys, SpfMode spf,
            String dmarcReportMailbox) {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(spf, "spf");
        List<RecordToPublish> records = new ArrayList<>();
        Set<String> selectors = new HashSet<>();
        for (DkimRecordInput key : keys) {
            if (!selectors.add(key.selector())) {
                throw new IllegalArgumentException("DKIM selector " + key.selector() + " of " + domain
                        + " is given twice: one selector publishes one key.");
            }
            records.add(RecordToPublish.txt(RecordToPublish.DKIM, key.selector() + "._domainkey." + domain,
                    dkimValue(key)));
        }
        records.add(RecordToPublish.txt(RecordToPublish.SPF, domain.value(), spfValue(spf)));
        records.add(RecordToPublish.txt(RecordToPublish.DMARC, "_dmarc." + domain, dmarcValue(dmarcReportMailbox)));
        return List.copyOf(records);
    }

    // RFC 6376 §3.6.1: v= first; k= written out although rsa is the default, so the record says what it holds.
    static String dkimValue(DkimRecordInput key) {
        return "v=DKIM1; k=" + key.keyType() + "; p=" + key.publicKey();
    }

    /*
     * "~all" (softfail, RFC 7208 §8.5), not "-all" (fail, §8.4). The record lists only the IPs we send from, and
     * we cannot know the customer's other senders (their own webmail, an office suite, a newsletter tool): with
     * "-all" a receiver may reject their mail at once, and some reject on an SPF fail before DMARC has looked at
     * the DKIM signature (RFC 7489 §10.1), which is what loses mail that a forwarder or mailing list passes on
     * from its own IP while the signature is still good. With DMARC published, enforcement belongs in the DMARC
     * policy, which weighs SPF and DKIM together; "~all" still tells receivers that other sources are suspect.
     */
    static String spfValue(SpfMode spf) {
        return switch (spf) {
            case SpfMode.EgressIps egress -> {
                String value = "v=spf1 " + String.join(" ", ipTerms(egress.ips())) + " ~all";
                if (value.length() > MAX_SPF_OCTETS) {
                    throw new IllegalArgumentException("The SPF record listing " + egress.ips().size()
                            + " egress IPs would be " + value.length() + " octets, more than the " + MAX_SPF_OCTETS
                            + " that RFC 7208 §3.4 allows for a reliable answer: publish the pool under our own SPF"
                            + " domain and use include mode.");
                }
                yield value;
            }
            // At most 7 + 8 + 253 + 5 octets: always short enough.
            case SpfMode.Include include -> "v=spf1 include:" + include.ourSpfDomain() + " ~all";
        };
    }

    private static List<String> ipTerms(List<EgressIpAddress> ips) {
        SequencedSet<String> ipv4 = new LinkedHashSet<>();
        SequencedSet<String> ipv6 = new LinkedHashSet<>();
        for (EgressIpAddress ip : ips) {
            if (ip.value().contains(":")) {
                ipv6.add("ip6:" + ip.value());
            } else {
                ipv4.add("ip4:" + ip.value());
            }
        }
        List<String> terms = new ArrayList<>(ipv4);
        terms.addAll(ipv6);
        return terms;
    }

    /*
     * p=none (RFC 7489 §6.3: "no specific action") first: the aggregate reports then show every source that sends
     * as the domain, including ones the customer forgot (a CRM, a ticket system, another ESP), before any receiver
     * is asked to quarantine or reject them. The customer moves to p=quarantine and p=reject once the reports show
     * that all their real mail passes. Without a report mailbox the record still announces DMARC, but nobody
     * learns anything from it, so a mailbox is worth configuring.
     *
     * adkim=r and aspf=r are the defaults (RFC 7489 §6.3), written out so the customer sees the choice: relaxed
     * alignment lets mail signed as, or bounced through, a subdomain of theirs align with the From domain.
     */
    static String dmarcValue(String reportMailbox) {
        StringBuilder value = new StringBuilder("v=DMARC1; p=none; ");
        if (reportMailbox != null) {
            value.append("rua=mailto:").append(mailtoAddress(new EmailAddress(reportMailbox))).append("; ");
        }
        return value.append("adkim=r; aspf=r").toString();
    }

    /*
     * RFC 7489 §6.2 reserves "," and "!" in a DMARC URI and RFC 6068 §2 needs "%", "?" and non-ASCII octets
     * percent-encoded; ";" or a space would end the tag. Everything but unreserved characters and "+" (plus
     * addressing, common for report mailboxes) is encoded, which a report sender decodes back.
     */
    private static String mailtoAddress(EmailAddress mailbox) {
        StringBuilder encoded = new StringBuilder();
        for (byte octet : mailbox.localPart().getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (octet & 0xff);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~+".indexOf(c) >= 0;
            encoded.append(plain ? String.valueOf(c) : "%%%02X".formatted(octet & 0xff));
        }
        return encoded.append('@').append(mailbox.domain()).toString();
    }
}
