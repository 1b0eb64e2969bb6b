package org.ledgermta.domain;

/**
 * A mailbox as it appears in the SMTP envelope: {@code local-part@domain}. The local part keeps its case
 * (RFC 5321 §2.4 lets the receiving host treat it as case-sensitive); the domain is lower-cased.
 */
public record EmailAddress(String value) {

    // RFC 5322 §3.2.3 atext besides letters and digits.
    private static final String ATEXT_SYMBOLS = "!#$%&'*+-/=?^_`{|}~";

    public EmailAddress {
        if (value == null) {
            throw new IllegalArgumentException("An email address is required, for example 'user@example.com'.");
        }
        int at = value.indexOf('@');
        if (at < 0 || value.indexOf('@', at + 1) >= 0) {
            throw new IllegalArgumentException("Email address '" + value
                    + "' must contain exactly one '@' between the local part and the domain.");
        }
        String localPart = value.substring(0, at);
        checkLocalPart(value, localPart);
        DomainName domain;
        try {
            domain = new DomainName(value.substring(at + 1));
        } catch (IllegalArgumentException invalidDomain) {
            throw new IllegalArgumentException("Email address '" + value + "' has an invalid domain. "
                    + invalidDomain.getMessage(), invalidDomain);
        }
        value = localPart + "@" + domain.value();
        // RFC 5321 §4.5.3.1.3: a path is at most 256 octets including the angle brackets.
        if (octets(value) > 254) {
            throw new IllegalArgumentException("Email address '" + value + "' has " + octets(value)
                    + " octets: expected at most 254 (RFC 5321 §4.5.3.1.3).");
        }
    }

    public String localPart() {
        return value.substring(0, value.lastIndexOf('@'));
    }

    public DomainName domain() {
        return new DomainName(value.substring(value.lastIndexOf('@') + 1));
    }

    @Override
    public String toString() {
        return value;
    }

    /*
     * Only the dot-string form (RFC 5321 §4.1.2), with UTF-8 allowed as in RFC 6531. Quoted local parts are
     * refused: RFC 5321 §4.1.2 discourages them, and no character that could break the SMTP command line
     * (space, CR, LF, '<', '>') can slip through this way.
     */
    private static void checkLocalPart(String address, String localPart) {
        if (localPart.isEmpty()) {
            throw new IllegalArgumentException("Email address '" + address + "' has an empty local part before '@'.");
        }
        if (octets(localPart) > 64) {
            throw new IllegalArgumentException("Email address '" + address + "' has a local part of "
                    + octets(localPart) + " octets: expected at most 64 (RFC 5321 §4.5.3.1.1).");
        }
        if (localPart.startsWith(".") || localPart.endsWith(".") || localPart.contains("..")) {
            throw new IllegalArgumentException("Email address '" + address
                    + "' has a local part with a leading, trailing or doubled dot: expected dot-separated words.");
        }
        localPart.codePoints()
                .filter(c -> !isAtext(c) && c != '.')
                .findFirst()
                .ifPresent(c -> {
                    throw new IllegalArgumentException("Email address '" + address + "' has the character "
                            + describe(c) + " in its local part: expected letters, digits, dots or "
                            + ATEXT_SYMBOLS + ".");
                });
    }

    private static boolean isAtext(int c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || ATEXT_SYMBOLS.indexOf(c) >= 0;
        }
        return !Character.isISOControl(c) && !Character.isWhitespace(c);
    }

    private static String describe(int c) {
        return Character.isISOControl(c) || Character.isWhitespace(c)
                ? "U+%04X".formatted(c)
                : "'" + Character.toString(c) + "'";
    }

    // Length in UTF-8, counted here so the domain needs nothing beyond java.lang and java.util.
    private static int octets(String text) {
        return text.codePoints().map(c -> c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4).sum();
    }
}
