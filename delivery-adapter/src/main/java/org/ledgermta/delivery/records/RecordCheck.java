package org.ledgermta.delivery.records;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.ledgermta.delivery.records.RecordStatus.Status;
import org.ledgermta.delivery.records.SpfRecord.Directive;
import org.ledgermta.domain.DomainName;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Looks a sender domain's records up in the DNS and says, per record we asked for, whether it is published, missing
 * or wrong, with the fix. Asks one DNS server directly (the one of {@code mta.dns.resolver}), all names at once,
 * each bounded by the timeout. Thread-safe.
 */
public final class RecordCheck {

    // RFC 7489 §6.4: v=DMARC1 must come first and DMARC1 is case-sensitive; "v" may have whitespace around "=".
    private static final Pattern DMARC_RECORD = Pattern.compile("[vV][ \\t]*=[ \\t]*DMARC1[ \\t]*(?:;.*)?",
            Pattern.DOTALL);

    private final SimpleResolver resolver;
    private final InetSocketAddress dnsServer;
    private final Duration timeout;

    public RecordCheck(InetSocketAddress dnsServer, Duration timeout) {
        this.dnsServer = Objects.requireNonNull(dnsServer, "dnsServer");
        if (dnsServer.isUnresolved()) {
            throw new IllegalArgumentException("the DNS server " + dnsServer + " must be given by its IP address");
        }
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the DNS timeout must be positive, was " + timeout);
        }
        this.resolver = new SimpleResolver(dnsServer);
        this.resolver.setTimeout(timeout);
    }

    /** One status per expected record, in the same order. Never throws for what the DNS answers. */
    public List<RecordStatus> check(DomainName domain, List<RecordToPublish> expected) {
        Objects.requireNonNull(domain, "domain");
        for (RecordToPublish record : expected) {
            if (!record.name().equals(domain.value()) && !record.name().endsWith("." + domain.value())) {
                throw new IllegalArgumentException("Record " + record.name() + " is not in the domain " + domain + ".");
            }
        }
        Map<String, CompletableFuture<TxtLookup>> lookups = new LinkedHashMap<>();
        expected.forEach(record -> lookups.computeIfAbsent(record.name(), this::lookUp));
        List<RecordStatus> statuses = new ArrayList<>();
        for (RecordToPublish record : expected) {
            statuses.add(switch (lookups.get(record.name()).join()) {
                case TxtLookup.Failed failed -> new RecordStatus(record, Status.LOOKUP_FAILED, List.of(),
                        "The TXT records at " + record.name() + " could not be looked up (" + failed.reason()
                                + "); run the check again, and if it keeps failing make sure the domain's name"
                                + " servers answer.");
                case TxtLookup.Found found -> judge(record, found.values());
            });
        }
        return List.copyOf(statuses);
    }

    static RecordStatus judge(RecordToPublish expected, List<String> found) {
        return switch (expected.kind()) {
            case RecordToPublish.DKIM -> judgeDkim(expected, found);
            case RecordToPublish.SPF -> judgeSpf(expected, found);
            case RecordToPublish.DMARC -> judgeDmarc(expected, found);
            default -> throw new IllegalStateException("no check for record kind " + expected.kind());
        };
    }

    private static RecordStatus judgeDkim(RecordToPublish expected, List<String> found) {
        if (found.isEmpty()) {
            return missing(expected, found);
        }
        String ourKey = dkimKey(expected.value()).orElseThrow();
        long ours = found.stream().filter(value -> dkimKey(value).filter(ourKey::equals).isPresent()).count();
        if (ours > 0 && found.size() == 1) {
            return published(expected, found);
        }
        if (ours > 0) {
            return new RecordStatus(expected, Status.WRONG, found, expected.name() + " has " + found.size()
                    + " TXT records and a verifier may use any one of them (RFC 6376 §6.1.2): keep only the one"
                    + " with our key, " + expected.value() + ", and delete the others.");
        }
        Optional<String> theirKey = found.stream().map(RecordCheck::dkimKey).flatMap(Optional::stream).findFirst();
        String fix;
        if (theirKey.isEmpty()) {
            fix = "The TXT record at " + expected.name() + " is not a DKIM key (it has no p= tag): replace it with "
                    + expected.value() + ".";
        } else if (theirKey.get().isEmpty()) {
            fix = "The DKIM key at " + expected.name() + " is revoked (its p= is empty, RFC 6376 §3.6.1): replace"
                    + " the record with " + expected.value() + ".";
        } else {
            fix = "The DKIM key published at " + expected.name() + " is not the one we sign with: replace p="
                    + abbreviated(theirKey.get()) + " with p=" + ourKey + ".";
        }
        return new RecordStatus(expected, Status.WRONG, found, fix);
    }

    /*
     * The p= of a DKIM key record, whitespace removed: RFC 6376 §3.2 lets tags come in any order with whitespace
     * around them, and §3.6.1 lets the base64 key itself be folded.
     */
    static Optional<String> dkimKey(String txt) {
        for (String tag : txt.split(";")) {
            int equals = tag.indexOf('=');
            if (equals > 0 && tag.substring(0, equals).strip().equals("p")) {
                return Optional.of(tag.substring(equals + 1).replaceAll("\\s+", ""));
            }
        }
        return Optional.empty();
    }

    private static RecordStatus judgeSpf(RecordToPublish expected, List<String> found) {
        List<SpfRecord> theirs = found.stream().filter(SpfRecord::isSpf).map(SpfRecord::parse).toList();
        if (theirs.isEmpty()) {
            return missing(expected, found);
        }
        List<Directive> required = SpfRecord.parse(expected.value()).requirements();
        // RFC 7208 §4.5: two SPF records make every check a permerror, whatever each of them says.
        if (theirs.size() > 1) {
            List<String> missingFromAll = required.stream()
                    .filter(term -> theirs.stream().noneMatch(record -> record.authorises(term)))
                    .map(Directive::text).toList();
            return new RecordStatus(expected, Status.WRONG, found, expected.name() + " has " + theirs.size()
                    + " SPF records (" + String.join(" and ", theirs.stream().map(SpfRecord::text).toList())
                    + ") and receivers treat that as a permanent error: merge them into one record"
                    + (missingFromAll.isEmpty() ? "" : " that also contains " + String.join(" ", missingFromAll))
                    + " (a domain may have only one SPF record, RFC 7208 §3.2).");
        }
        SpfRecord record = theirs.getFirst();
        List<String> missing = required.stream().filter(term -> !record.authorises(term)).map(Directive::text)
                .toList();
        if (missing.isEmpty()) {
            return published(expected, found);
        }
        List<String> notFollowed = record.includesOtherThan(required);
        return new RecordStatus(expected, Status.WRONG, found, "The SPF record at " + expected.name() + " is "
                + record.text() + "; add " + String.join(" ", missing) + " to it"
                + record.all().map(all -> ", before " + all).orElse("")
                + " (a domain may have only one SPF record, RFC 7208 §3.2"
                + (notFollowed.isEmpty() ? "" : "; its " + String.join(" ", notFollowed) + " was not looked into")
                + ").");
    }

    private static RecordStatus judgeDmarc(RecordToPublish expected, List<String> found) {
        List<String> theirs = found.stream().filter(value -> DMARC_RECORD.matcher(value).matches()).toList();
        if (theirs.isEmpty()) {
            return new RecordStatus(expected, Status.MISSING, found, "Publish a TXT record at " + expected.name()
                    + " with the value " + expected.value() + ", and once its reports show that all your mail"
                    + " passes, move to p=quarantine and then p=reject.");
        }
        // Any DMARC policy is the customer's to choose: ours is a suggestion for a domain that has none.
        if (theirs.size() == 1) {
            return new RecordStatus(expected, Status.PUBLISHED, found, "Nothing to do: " + expected.name()
                    + " publishes a DMARC record.");
        }
        return new RecordStatus(expected, Status.WRONG, found, expected.name() + " has " + theirs.size()
                + " DMARC records, so receivers apply none of them (RFC 7489 §6.6.3): keep only one.");
    }

    private static RecordStatus missing(RecordToPublish expected, List<String> found) {
        return new RecordStatus(expected, Status.MISSING, found, "Publish a TXT record at " + expected.name()
                + " with the value " + expected.value() + ".");
    }

    private static RecordStatus published(RecordToPublish expected, List<String> found) {
        return new RecordStatus(expected, Status.PUBLISHED, found, "Nothing to do: the " + expected.kind()
                + " record at " + expected.name() + " is published.");
    }

    private static String abbreviated(String key) {
        return key.length() <= 24 ? key : key.substring(0, 16) + "…";
    }

    /** Completes within the timeout and never exceptionally. */
    private CompletableFuture<TxtLookup> lookUp(String name) {
        CompletableFuture<TxtLookup> lookup;
        try {
            Message query = Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.TXT, DClass.IN));
            lookup = resolver.sendAsync(query, Runnable::run).toCompletableFuture()
                    .handle((response, failure) -> failure == null
                            ? TxtLookup.of(response)
                            : new TxtLookup.Failed("no usable reply from " + server() + ": " + rootCause(failure)));
        } catch (IOException | RuntimeException e) {
            lookup = CompletableFuture.completedFuture(new TxtLookup.Failed("could not ask " + server() + ": " + e));
        }
        return lookup.completeOnTimeout(
                new TxtLookup.Failed("no reply from " + server() + " within " + timeout.toMillis() + " ms"),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private String server() {
        return dnsServer.getAddress().getHostAddress() + ":" + dnsServer.getPort();
    }

    private static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    /** The TXT values at a name, or why there is no answer. NXDOMAIN and NODATA both mean "none". */
    sealed interface TxtLookup {

        record Found(List<String> values) implements TxtLookup {
            public Found {
                values = List.copyOf(values);
            }
        }

        record Failed(String reason) implements TxtLookup {
        }

        static TxtLookup of(Message response) {
            int rcode = response.getRcode();
            if (rcode == Rcode.NXDOMAIN) {
                return new Found(List.of());
            }
            if (rcode != Rcode.NOERROR) {
                return new Failed("the DNS server answered " + Rcode.string(rcode));
            }
            List<String> values = new ArrayList<>();
            for (Record record : response.getSection(Section.ANSWER)) {
                if (record instanceof TXTRecord txt) {
                    // RFC 7208 §3.3, RFC 6376 §3.6.2.2: the strings of one record are joined with nothing between.
                    StringBuilder value = new StringBuilder();
                    txt.getStringsAsByteArrays()
                            .forEach(bytes -> value.append(new String(bytes, StandardCharsets.UTF_8)));
                    values.add(value.toString());
                }
            }
            return new Found(values);
        }
    }
}
