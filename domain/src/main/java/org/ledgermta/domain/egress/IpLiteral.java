package org.ledgermta.domain.egress;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Parses and normalises IPv4 and IPv6 address literals, without name resolution. */
final class IpLiteral {

    private static final Pattern IPV4_OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final Pattern IPV6_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

    private IpLiteral() {
    }

    static String normalise(String text) {
        if (text.indexOf(':') < 0) {
            int[] octets = ipv4(text, text);
            return octets[0] + "." + octets[1] + "." + octets[2] + "." + octets[3];
        }
        if (text.indexOf('%') >= 0 || text.startsWith("[")) {
            throw invalid(text, "expected a bare address, without brackets or a zone index such as %eth0");
        }
        return canonicalIpv6(ipv6(text));
    }

    /*
     * Leading zeros are refused rather than read as decimal: inet_aton() reads 010 as octal 8, so "010.0.0.1"
     * means different hosts to different programs.
     */
    private static int[] ipv4(String text, String whole) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw invalid(whole, "expected an IPv4 address of four decimal numbers such as 192.0.2.10, "
                    + "or an IPv6 address such as 2001:db8::10");
        }
        int[] octets = new int[4];
        for (int i = 0; i < 4; i++) {
            if (!IPV4_OCTET.matcher(parts[i]).matches() || Integer.parseInt(parts[i]) > 255) {
                throw invalid(whole, "'" + parts[i] + "' is not a number from 0 to 255 without leading zeros");
            }
            octets[i] = Integer.parseInt(parts[i]);
        }
        return octets;
    }

    // RFC 4291 §2.2: eight groups of 1-4 hex digits, one "::" for one or more zero groups, a dotted IPv4 tail.
    private static int[] ipv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            throw invalid(text, "'::' may appear only once");
        }
        List<Integer> head = ipv6Groups(gap < 0 ? text : text.substring(0, gap), gap < 0, text);
        List<Integer> tail = gap < 0 ? List.of() : ipv6Groups(text.substring(gap + 2), true, text);
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
        return groups;
    }

    private static List<Integer> ipv6Groups(String part, boolean mayEndInIpv4, String whole) {
        List<Integer> groups = new ArrayList<>();
        if (part.isEmpty()) {
            return groups;
        }
        String[] pieces = part.split(":", -1);
        for (int i = 0; i < pieces.length; i++) {
            String piece = pieces[i];
            if (mayEndInIpv4 && i == pieces.length - 1 && piece.indexOf('.') >= 0) {
                int[] octets = ipv4(piece, whole);
                groups.add(octets[0] << 8 | octets[1]);
                groups.add(octets[2] << 8 | octets[3]);
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

    /*
     * RFC 5952 §4: lower-case hex without leading zeros, and "::" for the longest run of two or more zero
     * groups (the first of equal runs). An IPv4-mapped address (::ffff:a.b.c.d) is written as the IPv4
     * address it maps, as Java's own InetAddress does, so a socket bound to either is the same egress IP.
     */
    private static String canonicalIpv6(int[] groups) {
        if (groups[0] == 0 && groups[1] == 0 && groups[2] == 0 && groups[3] == 0 && groups[4] == 0
                && groups[5] == 0xffff) {
            return (groups[6] >> 8) + "." + (groups[6] & 0xff) + "." + (groups[7] >> 8) + "." + (groups[7] & 0xff);
        }
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

    private static IllegalArgumentException invalid(String text, String expectation) {
        return new IllegalArgumentException("Egress IP address '" + text + "' is not an IP address literal: "
                + expectation + ".");
    }
}
