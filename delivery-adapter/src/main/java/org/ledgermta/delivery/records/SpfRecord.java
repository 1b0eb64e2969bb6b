package org.ledgermta.delivery.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ledgermta.domain.IpAddressLiteral;

/**
 * An SPF record read as far as the check needs it: its directives in order and its redirect= modifier, so that it
 * can say whether the record authorises a given ip4/ip6 network or include: domain.
 *
 * <p>Deliberately not an SPF evaluator: include:, a, mx, exists and ptr of other domains are not looked up, so a
 * record that reaches our IPs only through someone else's include is reported as not authorising them. Telling a
 * customer to add our terms explicitly is safe (a duplicate authorisation costs nothing), while following includes
 * would spend up to ten look-ups per check (RFC 7208 §4.6.4) to prove something the customer cannot see either.
 */
record SpfRecord(String text, List<Directive> directives, Optional<String> redirect) {

    // RFC 7208 §4.5: an SPF record starts with exactly "v=spf1" followed by a space or its end; case does not matter
    // (RFC 5234 §2.3 quoted strings).
    private static final Pattern VERSION = Pattern.compile("(?i)v=spf1(?: .*)?");
    private static final Pattern MODIFIER = Pattern.compile("([A-Za-z][A-Za-z0-9._-]*)=(.*)");

    /** One mechanism with its qualifier ('+' when none is written, RFC 7208 §4.6.2). */
    record Directive(char qualifier, String mechanism, String argument) {
        String text() {
            return (qualifier == '+' ? "" : String.valueOf(qualifier)) + mechanism
                    + (argument.isEmpty() ? "" : ":" + argument);
        }
    }

    static boolean isSpf(String txt) {
        return VERSION.matcher(txt).matches();
    }

    static SpfRecord parse(String txt) {
        if (!isSpf(txt)) {
            throw new IllegalArgumentException("'" + txt + "' is not an SPF record: it does not start with v=spf1.");
        }
        List<Directive> directives = new ArrayList<>();
        Optional<String> redirect = Optional.empty();
        String[] terms = txt.strip().split(" +");
        for (int i = 1; i < terms.length; i++) {
            String term = terms[i];
            var modifier = MODIFIER.matcher(term);
            if (modifier.matches()) {
                if (modifier.group(1).equalsIgnoreCase("redirect")) {
                    redirect = Optional.of(domain(modifier.group(2)));
                }
                continue;
            }
            char qualifier = '+';
            if ("+-~?".indexOf(term.charAt(0)) >= 0) {
                qualifier = term.charAt(0);
                term = term.substring(1);
            }
            int colon = term.indexOf(':');
            String mechanism = (colon < 0 ? term : term.substring(0, colon)).toLowerCase(Locale.ROOT);
            String argument = colon < 0 ? "" : term.substring(colon + 1);
            directives.add(new Directive(qualifier, mechanism, argument));
        }
        return new SpfRecord(txt, List.copyOf(directives), redirect);
    }

    /** What a record we generated asks for: its passing ip4, ip6 and include: directives before "all". */
    List<Directive> requirements() {
        List<Directive> required = new ArrayList<>();
        for (Directive directive : directives) {
            if (directive.mechanism().equals("all")) {
                break;
            }
            if (directive.qualifier() == '+' && List.of("ip4", "ip6", "include").contains(directive.mechanism())) {
                required.add(directive);
            }
        }
        return required;
    }

    /** The "all" directive as written ("-all", "~all"), if the record has one. */
    Optional<String> all() {
        return directives.stream().filter(d -> d.mechanism().equals("all")).findFirst().map(Directive::text);
    }

    /** The record's include: directives other than the required ones: the check does not follow them. */
    List<String> includesOtherThan(List<Directive> required) {
        List<String> ours = required.stream().filter(d -> d.mechanism().equals("include"))
                .map(d -> domain(d.argument())).toList();
        return directives.stream()
                .filter(d -> d.mechanism().equals("include") && !ours.contains(domain(d.argument())))
                .map(Directive::text)
                .toList();
    }

    /**
     * Whether this record passes everything the required directive covers. Directives are tried left to right and
     * the first that matches decides (RFC 7208 §4.6.2), so "-ip4:203.0.113.10" or an "all" before our term means
     * the IP is not authorised; mechanisms that would need a DNS look-up are passed over (see the class comment).
     */
    boolean authorises(Directive required) {
        if (required.mechanism().equals("include")) {
            String domain = domain(required.argument());
            for (Directive directive : directives) {
                if (directive.mechanism().equals("all")) {
                    return false;
                }
                if (directive.mechanism().equals("include") && domain(directive.argument()).equals(domain)) {
                    return directive.qualifier() == '+';
                }
            }
            // RFC 7208 §6.1: with no "all", a redirect to our domain makes our record the answer.
            return redirect.filter(domain::equals).isPresent();
        }
        Optional<Network> wanted = Network.parse(required);
        if (wanted.isEmpty()) {
            return false;
        }
        for (Directive directive : directives) {
            if (directive.mechanism().equals("all")) {
                return false;
            }
            Optional<Network> network = Network.parse(directive);
            // A malformed ip4/ip6 term makes real receivers answer permerror (RFC 7208 §4.6); it authorises nothing.
            if (network.isPresent() && network.get().covers(wanted.get())) {
                return directive.qualifier() == '+';
            }
        }
        return false;
    }

    private static String domain(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /** An ip4 or ip6 mechanism's network (RFC 7208 §5.6): the address and the prefix length, /32 or /128 if none. */
    private record Network(byte[] address, int prefix) {

        static Optional<Network> parse(Directive directive) {
            int bytes = switch (directive.mechanism()) {
                case "ip4" -> 4;
                case "ip6" -> 16;
                default -> 0;
            };
            if (bytes == 0) {
                return Optional.empty();
            }
            String argument = directive.argument();
            int slash = argument.lastIndexOf('/');
            try {
                byte[] address = IpAddressLiteral.parse(slash < 0 ? argument : argument.substring(0, slash));
                int prefix = slash < 0 ? bytes * 8 : Integer.parseInt(argument.substring(slash + 1));
                // An ip6 term holding an IPv4-mapped address is parsed to 4 bytes and so covers nothing here.
                if (address.length != bytes || prefix < 0 || prefix > bytes * 8) {
                    return Optional.empty();
                }
                return Optional.of(new Network(address, prefix));
            } catch (IllegalArgumentException malformed) {
                return Optional.empty();
            }
        }

        boolean covers(Network other) {
            if (other.address.length != address.length || other.prefix < prefix) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (other.address[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
