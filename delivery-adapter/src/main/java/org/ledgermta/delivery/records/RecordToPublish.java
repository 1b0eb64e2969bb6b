package org.ledgermta.delivery.records;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One DNS record a customer publishes for a sender domain: its whole TXT value, the same value cut into
 * character-strings of at most 255 octets as a zone file or a DNS provider's form needs them, and the zone-file
 * line that publishes it.
 *
 * @param kind     {@link #DKIM}, {@link #SPF} or {@link #DMARC}
 * @param name     the owner name, lower case, without the root's trailing dot ({@code s1._domainkey.shop.example})
 * @param type     always {@code TXT}: RFC 7208 §3.1 retired the SPF RR type, DKIM and DMARC never had one
 * @param value    the whole TXT value, which is what the chunks join back to
 * @param chunks   the value as character-strings of at most 255 octets each (RFC 1035 §3.3.14), joined by
 *                 receivers without anything between them (RFC 7208 §3.3, RFC 6376 §3.6.2.2, RFC 7489 §6.1)
 * @param zoneLine {@code <name>. 3600 IN TXT "<chunk>" "<chunk>"…}
 */
public record RecordToPublish(String kind, String name, String type, String value, List<String> chunks,
        String zoneLine) {

    public static final String DKIM = "DKIM";
    public static final String SPF = "SPF";
    public static final String DMARC = "DMARC";
    public static final String TXT = "TXT";

    private static final Set<String> KINDS = Set.of(DKIM, SPF, DMARC);
    // RFC 1035 §3.3: a <character-string> is a length octet followed by at most 255 octets.
    static final int MAX_CHUNK_OCTETS = 255;
    // An hour: short enough that a corrected record takes effect the same day, long enough not to matter to load.
    static final int TTL_SECONDS = 3600;
    // Owner names here carry underscore labels (_domainkey, _dmarc; RFC 8552), which a host name may not.
    private static final Pattern OWNER_LABEL = Pattern.compile("[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?");
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x20-\\x7e]+");

    public RecordToPublish {
        if (kind == null || !KINDS.contains(kind)) {
            throw new IllegalArgumentException("Record kind '" + kind + "' is not one of DKIM, SPF, DMARC.");
        }
        name = ownerName(name);
        if (!TXT.equals(type)) {
            throw new IllegalArgumentException("Record type '" + type + "' of " + name + ": expected TXT.");
        }
        if (value == null || !PRINTABLE_ASCII.matcher(value).matches()) {
            throw new IllegalArgumentException("The TXT value of " + name
                    + " must be non-empty printable ASCII, was '" + value + "'.");
        }
        chunks = List.copyOf(chunks);
        if (chunks.stream().anyMatch(chunk -> chunk.isEmpty() || octets(chunk) > MAX_CHUNK_OCTETS)) {
            throw new IllegalArgumentException("The TXT strings of " + name + " must each have 1 to 255 octets.");
        }
        if (!String.join("", chunks).equals(value)) {
            throw new IllegalArgumentException("The TXT strings of " + name + " do not join to its value.");
        }
        if (zoneLine == null || zoneLine.isBlank()) {
            throw new IllegalArgumentException("The zone line of " + name + " is required.");
        }
    }

    /** A TXT record with its chunks and zone line worked out from the value. */
    static RecordToPublish txt(String kind, String name, String value) {
        String owner = ownerName(name);
        List<String> chunks = chunks(value);
        StringBuilder line = new StringBuilder(owner).append(". ").append(TTL_SECONDS).append(" IN TXT");
        chunks.forEach(chunk -> line.append(" \"").append(quoted(chunk)).append('"'));
        return new RecordToPublish(kind, owner, TXT, value, chunks, line.toString());
    }

    /*
     * Cut between words where possible ("v=DKIM1; k=rsa; " then "p=MIIB…", "ip4:… " then "ip6:…"), so that what a
     * customer pastes into a provider's form stays readable; a word longer than 255 octets (a 2048-bit RSA key is
     * about 392) is cut every 255 octets. Receivers join the strings with nothing between them, so cutting inside
     * a word is harmless, and a space kept at the end of a string is not lost.
     */
    static List<String> chunks(String value) {
        List<String> words = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= value.length(); i++) {
            boolean wordEnds = i == value.length() || (value.charAt(i - 1) == ' ' && value.charAt(i) != ' ');
            if (wordEnds) {
                words.add(value.substring(start, i));
                start = i;
            }
        }
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : words) {
            if (current.length() + word.length() <= MAX_CHUNK_OCTETS) {
                current.append(word);
                continue;
            }
            if (!current.isEmpty()) {
                chunks.add(current.toString());
                current.setLength(0);
            }
            String rest = word;
            while (rest.length() > MAX_CHUNK_OCTETS) {
                chunks.add(rest.substring(0, MAX_CHUNK_OCTETS));
                rest = rest.substring(MAX_CHUNK_OCTETS);
            }
            current.append(rest);
        }
        if (!current.isEmpty()) {
            chunks.add(current.toString());
        }
        return chunks;
    }

    private static String ownerName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("A record name is required, for example 's1._domainkey.shop.example'.");
        }
        String owner = (name.endsWith(".") ? name.substring(0, name.length() - 1) : name).toLowerCase(Locale.ROOT);
        if (owner.length() > 253 || owner.split("\\.", -1).length < 2) {
            throw new IllegalArgumentException("Record name '" + name
                    + "' must have at least two labels and at most 253 characters.");
        }
        for (String label : owner.split("\\.", -1)) {
            if (!OWNER_LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException("Record name '" + name + "' has an invalid label '" + label
                        + "': expected 1 to 63 letters, digits, hyphens or underscores.");
            }
        }
        return owner;
    }

    // RFC 1035 §5.1: inside a quoted string, '"' and '\' are escaped with a backslash.
    private static String quoted(String chunk) {
        return chunk.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static int octets(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
