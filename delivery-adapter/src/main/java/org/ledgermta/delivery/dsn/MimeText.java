package org.ledgermta.delivery.dsn;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/** The small pieces of RFC 5322 and MIME text the notification is written with. */
final class MimeText {

    static final String CRLF = "\r\n";
    // RFC 5322 §2.1.1: lines SHOULD stay within 78 characters and MUST stay within 998.
    static final int LINE = 78;
    // Remote replies are capped so that even a reply without a single space fits one 998-octet line.
    private static final int MAX_FIELD_TEXT = 900;
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS =
            {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private MimeText() {
    }

    /** RFC 5322 §3.3 date-time in UTC, written without the locale's month names. */
    static String date(Instant instant) {
        ZonedDateTime t = instant.atZone(ZoneOffset.UTC);
        return "%s, %d %s %d %02d:%02d:%02d +0000".formatted(DAYS[t.getDayOfWeek().getValue() - 1],
                t.getDayOfMonth(), MONTHS[t.getMonthValue() - 1], t.getYear(), t.getHour(), t.getMinute(),
                t.getSecond());
    }

    /**
     * Text from outside (a remote server's reply) made safe for a header field or a delivery-status field:
     * CR, LF and every other control character become a space, so a reply cannot end the field and start
     * another one; whitespace runs collapse; anything beyond US-ASCII becomes '?', since RFC 3464 §2.1.1
     * keeps message/delivery-status 7-bit.
     */
    static String fieldText(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f || Character.isWhitespace(c)) {
                out.append(' ');
            } else {
                out.append(c < 0x80 ? (char) c : '?');
            }
        });
        return capped(out.toString().trim().replaceAll(" {2,}", " "));
    }

    /** The same for the human-readable part, which may keep non-ASCII characters. */
    static String plainText(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.isWhitespace(c)) {
                out.append(' ');
            } else {
                out.appendCodePoint(c);
            }
        });
        return capped(out.toString().trim().replaceAll(" {2,}", " "));
    }

    private static String capped(String text) {
        return text.length() <= MAX_FIELD_TEXT ? text : text.substring(0, MAX_FIELD_TEXT) + "...";
    }

    /** "Name: value" folded at spaces (RFC 5322 §2.2.3) to keep within 78 characters where the words allow. */
    static String field(String name, String value) {
        StringBuilder out = new StringBuilder(name).append(':');
        int column = out.length();
        for (String word : value.split(" ")) {
            if (column > name.length() + 1 && column + 1 + word.length() > LINE) {
                out.append(CRLF);
                column = 0;
            }
            out.append(' ').append(word);
            column += 1 + word.length();
        }
        return out.append(CRLF).toString();
    }

    /** Words of a paragraph in lines of at most LINE characters, each line after the first indented. */
    static List<String> wrap(String paragraph, String firstIndent, String indent) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(firstIndent);
        boolean empty = true;
        for (String word : paragraph.split(" ")) {
            if (word.isEmpty()) {
                continue;
            }
            if (!empty && line.length() + 1 + word.length() > LINE) {
                lines.add(line.toString());
                line = new StringBuilder(indent);
                empty = true;
            }
            if (!empty) {
                line.append(' ');
            }
            line.append(word);
            empty = false;
        }
        lines.add(line.toString());
        return lines;
    }

    static boolean ascii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }

    static boolean ascii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * RFC 6533 §3 utf-8-addr-xtext: an internationalised address written in ASCII for message/delivery-status,
     * every character outside QCHAR (non-ASCII, '+', '=', '\') as \x{HEX}.
     */
    static String utf8AddressXtext(String address) {
        StringBuilder out = new StringBuilder();
        address.codePoints().forEach(c -> {
            if (c > 0x20 && c < 0x7f && c != '+' && c != '=' && c != '\\') {
                out.append((char) c);
            } else {
                out.append("\\x{").append(c < 0x100 ? "%02X".formatted(c) : "%X".formatted(c)).append('}');
            }
        });
        return out.toString();
    }

    /** RFC 2045 §6.7 quoted-printable of UTF-8 text whose lines end in CRLF. */
    static String quotedPrintable(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split(CRLF, -1)) {
            if (!out.isEmpty()) {
                out.append(CRLF);
            }
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            int column = 0;
            for (int i = 0; i < bytes.length; i++) {
                int b = bytes[i] & 0xff;
                boolean last = i == bytes.length - 1;
                // Rule 3: a space or tab at the end of a line is encoded, or transports may strip it.
                boolean literal = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !last);
                String encoded = literal ? String.valueOf((char) b) : "=%02X".formatted(b);
                // Rule 5: at most 76 characters a line, a soft break "=" included.
                if (column + encoded.length() > (last ? 76 : 75)) {
                    out.append('=').append(CRLF);
                    column = 0;
                }
                out.append(encoded);
                column += encoded.length();
            }
        }
        return out.toString();
    }

    /**
     * The header section of a message: everything before the first empty line, with each line ended in CRLF
     * whatever the message used (bare LF from an HTTP submission, say). The body is never returned.
     */
    static byte[] headerSection(byte[] message) {
        var out = new ByteArrayOutputStream();
        int i = 0;
        while (i < message.length) {
            int end = i;
            while (end < message.length && message[end] != '\r' && message[end] != '\n') {
                end++;
            }
            if (end == i) {
                break;
            }
            out.write(message, i, end - i);
            out.writeBytes(CRLF.getBytes(StandardCharsets.US_ASCII));
            if (end < message.length && message[end] == '\r' && end + 1 < message.length && message[end + 1] == '\n') {
                end++;
            }
            i = end + 1;
        }
        return out.toByteArray();
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
