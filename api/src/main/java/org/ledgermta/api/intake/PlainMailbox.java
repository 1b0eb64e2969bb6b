package org.ledgermta.api.intake;

/**
 * The domain of a From header in the plain forms nearly all mail uses — {@code user@example.com} and
 * {@code Display Name <user@example.com>} with only atoms (RFC 5322 §3.2.3) in the name and the address —
 * read without a parser. Anything else (quotes, comments, groups, obsolete syntax, domain literals, a list)
 * answers null, and mime4j's address parser decides: it costs tens of kilobytes and two exceptions per call.
 */
final class PlainMailbox {

    private PlainMailbox() {
    }

    /** The domain as written, or null when the value is not in a plain form. */
    static String domainOrNull(String value) {
        int end = value.length();
        int start = 0;
        if (end > 0 && value.charAt(end - 1) == '>') {
            int open = value.indexOf('<');
            if (open < 0 || !isPhraseOrEmpty(value, 0, open)) {
                return null;
            }
            start = open + 1;
            end--;
        }
        int at = value.indexOf('@', start);
        if (at < 0 || !isDotAtom(value, start, at) || !isDotAtom(value, at + 1, end)) {
            return null;
        }
        return value.substring(at + 1, end);
    }

    /** Words of atoms separated by single spaces, then an optional space before the angle bracket. */
    private static boolean isPhraseOrEmpty(String value, int from, int to) {
        if (from == to) {
            return true;
        }
        return isAtomsSeparatedBy(' ', value, from, value.charAt(to - 1) == ' ' ? to - 1 : to);
    }

    private static boolean isDotAtom(String value, int from, int to) {
        return isAtomsSeparatedBy('.', value, from, to);
    }

    /** One or more runs of atext, each two separated by exactly one {@code separator}. */
    private static boolean isAtomsSeparatedBy(char separator, String value, int from, int to) {
        boolean afterSeparator = true;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c == separator) {
                if (afterSeparator) {
                    return false;
                }
                afterSeparator = true;
            } else if (isAtext(c)) {
                afterSeparator = false;
            } else {
                return false;
            }
        }
        return !afterSeparator;
    }

    // RFC 5322 §3.2.3 atext: ALPHA / DIGIT / "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "/" / "=" /
    // "?" / "^" / "_" / "`" / "{" / "|" / "}" / "~"; ASCII only (an 8-bit or UTF-8 name goes to the parser)
    private static boolean isAtext(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c < 128 && "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
    }
}
