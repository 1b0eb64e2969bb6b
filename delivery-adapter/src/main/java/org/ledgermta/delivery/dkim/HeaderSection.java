package org.ledgermta.delivery.dkim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The header fields of a message in wire form (CRLF line ends only), each as its raw bytes, and where the
 * body starts. Bytes are kept as they are, 8-bit ones included: RFC 6532 allows UTF-8 in header values, and
 * a signature must cover the octets that travel, not a decoding of them.
 */
record HeaderSection(List<Field> fields, int bodyStart) {

    /**
     * One header field: name as written, lower-cased (RFC 5322 §1.2.2: names compare without case), and its
     * raw octets from the name to the end of its last line, folds included, the final CRLF excluded.
     */
    record Field(String lowerCaseName, byte[] raw) {
    }

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte SP = ' ';
    private static final byte HTAB = '\t';
    private static final byte COLON = ':';

    static HeaderSection parse(byte[] wire) {
        List<Field> fields = new ArrayList<>();
        int fieldStart = -1;
        int fieldEnd = -1;
        int lineNumber = 0;
        int position = 0;
        while (position < wire.length) {
            lineNumber++;
            int lineEnd = indexOfCrlf(wire, position);
            if (lineEnd == position) {
                // RFC 5322 §2.1: an empty line separates the header section from the body.
                addField(wire, fieldStart, fieldEnd, fields);
                return new HeaderSection(List.copyOf(fields), position + 2);
            }
            byte first = wire[position];
            if (first == SP || first == HTAB) {
                if (fieldStart < 0) {
                    throw malformed(lineNumber, "starts with white space, so it continues a header field, but no"
                            + " field comes before it");
                }
                fieldEnd = lineEnd;
            } else {
                addField(wire, fieldStart, fieldEnd, fields);
                checkFieldName(wire, position, lineEnd, lineNumber);
                fieldStart = position;
                fieldEnd = lineEnd;
            }
            position = lineEnd + 2;
        }
        // No empty line: the whole message is header fields and the body is empty (RFC 5322 §3.5).
        addField(wire, fieldStart, fieldEnd, fields);
        return new HeaderSection(List.copyOf(fields), wire.length);
    }

    int count(String lowerCaseName) {
        int count = 0;
        for (Field field : fields) {
            if (field.lowerCaseName().equals(lowerCaseName)) {
                count++;
            }
        }
        return count;
    }

    private static void addField(byte[] wire, int start, int end, List<Field> fields) {
        if (start < 0) {
            return;
        }
        int colon = indexOf(wire, COLON, start, end);
        int nameEnd = colon;
        // RFC 5322 §4.5 (obsolete syntax) allows white space between the name and the colon.
        while (nameEnd > start && (wire[nameEnd - 1] == SP || wire[nameEnd - 1] == HTAB)) {
            nameEnd--;
        }
        String name = new String(wire, start, nameEnd - start, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
        fields.add(new Field(name, Arrays.copyOfRange(wire, start, end)));
    }

    // RFC 5322 §3.6.8: field-name = 1*ftext, ftext = printable US-ASCII except the colon.
    private static void checkFieldName(byte[] wire, int lineStart, int lineEnd, int lineNumber) {
        int colon = indexOf(wire, COLON, lineStart, lineEnd);
        if (colon < 0) {
            throw malformed(lineNumber, "has no colon, so it is not a header field \"Name: value\"");
        }
        int nameEnd = colon;
        while (nameEnd > lineStart && (wire[nameEnd - 1] == SP || wire[nameEnd - 1] == HTAB)) {
            nameEnd--;
        }
        if (nameEnd == lineStart) {
            throw malformed(lineNumber, "has an empty field name before its colon");
        }
        for (int i = lineStart; i < nameEnd; i++) {
            if (wire[i] < 33 || wire[i] > 126) {
                throw malformed(lineNumber, "has a field name with a character other than printable US-ASCII");
            }
        }
    }

    private static UnsignableMessageException malformed(int lineNumber, String what) {
        return new UnsignableMessageException(UnsignableMessageException.Reason.MALFORMED_HEADER,
                "Header line " + lineNumber + " " + what + " (RFC 5322 §2.2).");
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == CR && bytes[i + 1] == LF) {
                return i;
            }
        }
        return bytes.length;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
