package org.ledgermta.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * IPv4 and IPv6 address literals as bytes (4 or 16) and back, in one normal form, without name resolution:
 * nothing here goes near InetAddress.getByName, which would resolve anything that is not a literal through DNS.
 * An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is read as the IPv4 address it maps, as Java's own sockets
 * report it, so a socket bound to either is the same address.
 *
 * <p>A refusal is an IllegalArgumentException whose message reads {@code '<text>' is not an IP address
 * literal: <what was expected>}, without a final full stop, for the caller to name what the text was meant
 * to be (an egress IP, a client address, a network).
 */
public final class IpAddressLiteral {

    private static final Pattern IPV4_OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final Pattern IPV6_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

    private IpAddressLiteral() {
    }

    /** The literal in its normal form: dotted decimal for IPv4 (and IPv4-mapped IPv6), RFC 5952 for IPv6. */
    public static String normalise(String text) {
        return format(parse(text));
    }

    /**
     * The address as 4 bytes (IPv4, or IPv4-mapped IPv6) or 16 bytes (IPv6). Refused: names, brackets, zone
     * indexes (%eth0), and IPv4 numbers with leading zeros.
     */
    public static byte[] parse(String text) {
        if (text.indexOf(':') < 0) {
            return ipv4(text, text);
        }
        if (text.indexOf('%') >= 0 || text.startsWith("[")) {
            throw invalid(text, "expected a bare address, without brackets or a zone index such as %eth0");
        }
        byte[] bytes = ipv6(text);
        return isIpv4Mapped(bytes) ? Arrays.copyOfRange(bytes, 12, 16) : bytes;
    }

    /** Dotted decimal for 4 bytes; RFC 5952 text for 16 (an IPv4-mapped address is written as its IPv4). */
    public static String format(byte[] bytes) {
        if (bytes.length == 16 && isIpv4Mapped(bytes)) {
            return format(Arrays.copyOfRange(bytes, 12, 16));
        }
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "." + (bytes[3] & 0xff);
        }
        if (bytes.length != 16) {
            throw new IllegalArgumentException("An IP address is 4 or 16 bytes, not " + bytes.length + ".");
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff;
        }
        // RFC 5952 §4: lower-case hex without leading zeros, "::" for the longest run of two or more zero
        // groups (the first of equal runs).
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static boolean isIpv4Mapped(byte[] ipv6) {
        for (int i = 0; i < 10; i++) {
            if (ipv6[i] != 0) {
                return false;
            }
        }
        return ipv6[10] == (byte) 0xff && ipv6[11] == (byte) 0xff;
    }

    /*
     * Leading zeros are refused rather than read as decimal: inet_aton() reads 010 as octal 8, so "010.0.0.1"
     * means different hosts to different programs.
     */
    private static byte[] ipv4(String text, String whole) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw invalid(whole, "expected an IPv4 address of four decimal numbers such as 192.0.2.10, "
                    + "or an IPv6 address such as 2001:db8::10");
        }
        byte[] octets = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!IPV4_OCTET.matcher(parts[i]).matches() || Integer.parseInt(parts[i]) > 255) {
                throw invalid(whole, "'" + parts[i] + "' is not a number from 0 to 255 without leading zeros");
            }
            octets[i] = (byte) Integer.parseInt(parts[i]);
        }
        return octets;
    }

    // RFC 4291 §2.2: eight groups of 1-4 hex digits, one "::" for one or more zero groups, a dotted IPv4 tail.
    private static byte[] ipv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            throw invalid(text, "'::' may appear only once");
        }
        List<Integer> head = groups(gap < 0 ? text : text.substring(0, gap), gap < 0, text);
        List<Integer> tail = gap < 0 ? List.of() : groups(text.substring(gap + 2), true, text);
        int given = head.size() + tail.size();
        if (gap < 0 ? given != 8 : given > 7) {
            throw invalid(text, "expected eight groups of up to four hex digits, or fewer with one '::'");
        }
        int[] groups = new int[8];
        for (int i = 0; i < head.size(); i++) {
            groups[i] = head.get(i);
        }
        for (int i = 0; i < tail.size(); i++) {
            groups[8 - tail.size() + i] = tail.get(i);
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[2 * i] = (byte) (groups[i] >> 8);
            bytes[2 * i + 1] = (byte) groups[i];
        }
        return bytes;
    }

    private static List<Integer> groups(String part, boolean mayEndInIpv4, String whole) {
        List<Integer> groups = new ArrayList<>();
        if (part.isEmpty()) {
            return groups;
        }
        String[] pieces = part.split(":", -1);
        for (int i = 0; i < pieces.length; i++) {
            String piece = pieces[i];
            if (mayEndInIpv4 && i == pieces.length - 1 && piece.indexOf('.') >= 0) {
                byte[] octets = ipv4(piece, whole);
                groups.add((octets[0] & 0xff) << 8 | octets[1] & 0xff);
                groups.add((octets[2] & 0xff) << 8 | octets[3] & 0xff);
            } else if (IPV6_GROUP.matcher(piece).matches()) {
                groups.add(Integer.parseInt(piece, 16));
            } else {
                throw invalid(whole, piece.isEmpty()
                        ? "a single ':' cannot start or end the address"
                        : "'" + piece + "' is not a group of one to four hex digits");
            }
        }
        return groups;
    }

    private static IllegalArgumentException invalid(String text, String expectation) {
        return new IllegalArgumentException("'" + text + "' is not an IP address literal: " + expectation);
    }
}
