package org.ledgermta.delivery.dns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * What the DNS said to one {@link DnsQuestion}, reduced to what MX resolution uses and the cache keeps. A record's
 * value is an address literal for A/AAAA, or {@code "<preference> <host>"} for MX, the host {@code "."} for a null MX.
 */
sealed interface DnsAnswer {

    // Resolvers cap TTLs too (unbound: cache-max-ttl 1 day, cache-max-negative-ttl 1 hour); RFC 2308 §5 advises
    // one to three hours at most for negative answers.
    Duration MAX_POSITIVE_TTL = Duration.ofDays(1);
    Duration MAX_NEGATIVE_TTL = Duration.ofHours(1);

    /** How long the answer may be reused; zero means not at all. */
    Duration ttl();

    record Records(List<String> values, Duration ttl) implements DnsAnswer {
        public Records {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("a positive answer needs records; an empty one is NoRecords");
            }
        }
    }

    /** NXDOMAIN: the name does not exist. */
    record NoSuchDomain(Duration ttl) implements DnsAnswer {
    }

    /** NOERROR with no record of the type asked (NODATA). */
    record NoRecords(Duration ttl) implements DnsAnswer {
    }

    /** SERVFAIL, REFUSED, a garbled reply or none in time: never reused. */
    record Failure(String reason) implements DnsAnswer {
        @Override
        public Duration ttl() {
            return Duration.ZERO;
        }
    }

    static DnsAnswer of(DnsQuestion question, Message response) {
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return new NoSuchDomain(negativeTtl(response));
        }
        if (rcode != Rcode.NOERROR) {
            return new Failure("the DNS server answered " + Rcode.string(rcode) + " to " + question);
        }
        List<String> values = new ArrayList<>();
        long ttl = MAX_POSITIVE_TTL.toSeconds();
        for (Record record : response.getSection(Section.ANSWER)) {
            // Every answer record counts for the TTL, the CNAMEs leading to the records too (RFC 2181 §5.2).
            ttl = Math.min(ttl, record.getTTL());
            if (record.getType() == question.type()) {
                values.add(value(record));
            }
        }
        if (values.isEmpty()) {
            return new NoRecords(negativeTtl(response));
        }
        return new Records(values, Duration.ofSeconds(ttl));
    }

    /**
     * RFC 2308 §5: a negative answer lives for the smaller of the SOA record's TTL and its MINIMUM field; without an
     * SOA in the authority section it SHOULD NOT be cached at all.
     */
    private static Duration negativeTtl(Message response) {
        for (Record record : response.getSection(Section.AUTHORITY)) {
            if (record instanceof SOARecord soa) {
                long seconds = Math.min(soa.getTTL(), soa.getMinimum());
                return Duration.ofSeconds(Math.min(seconds, MAX_NEGATIVE_TTL.toSeconds()));
            }
        }
        return Duration.ZERO;
    }

    /** Whether {@code value} is a record value as {@link #of} writes it for {@code type}. */
    static boolean isWellFormed(int type, String value) {
        if (type == Type.A) {
            return Address.toByteArray(value, Address.IPv4) != null;
        }
        if (type == Type.AAAA) {
            return Address.toByteArray(value, Address.IPv6) != null;
        }
        int space = value.indexOf(' ');
        return type == Type.MX && space > 0 && space < value.length() - 1 && value.indexOf(' ', space + 1) < 0
                && value.substring(0, space).chars().allMatch(c -> c >= '0' && c <= '9')
                && space <= 5 && Integer.parseInt(value.substring(0, space)) <= 65535;
    }

    private static String value(Record record) {
        return switch (record) {
            case ARecord a -> a.getAddress().getHostAddress();
            case AAAARecord aaaa -> aaaa.getAddress().getHostAddress();
            case MXRecord mx -> mx.getPriority() + " " + mx.getTarget().toString(true).toLowerCase(Locale.ROOT);
            default -> throw new IllegalArgumentException("unexpected record " + record);
        };
    }
}
