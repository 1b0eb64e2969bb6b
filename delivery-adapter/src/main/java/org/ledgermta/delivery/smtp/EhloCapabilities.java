package org.ledgermta.delivery.smtp;

import java.util.List;
import java.util.Locale;

/**
 * The EHLO keywords this client acts on (RFC 5321 §4.1.1.1: one per line after the first). {@code sizeLimit}
 * is zero when SIZE is absent or declares no fixed maximum (RFC 1870 §4).
 */
record EhloCapabilities(boolean pipelining, boolean startTls, boolean smtpUtf8, boolean eightBitMime, boolean size,
        long sizeLimit) {

    /** After HELO: no extensions at all. */
    static final EhloCapabilities NONE = new EhloCapabilities(false, false, false, false, false, 0);

    static EhloCapabilities parse(List<String> ehloLines) {
        boolean pipelining = false;
        boolean startTls = false;
        boolean smtpUtf8 = false;
        boolean eightBitMime = false;
        boolean size = false;
        long sizeLimit = 0;
        for (String line : ehloLines.subList(Math.min(1, ehloLines.size()), ehloLines.size())) {
            String[] words = line.strip().split("[ =]+");
            switch (words[0].toUpperCase(Locale.ROOT)) {
                case "PIPELINING" -> pipelining = true;
                case "STARTTLS" -> startTls = true;
                case "SMTPUTF8" -> smtpUtf8 = true;
                case "8BITMIME" -> eightBitMime = true;
                case "SIZE" -> {
                    size = true;
                    sizeLimit = words.length > 1 ? parseLimit(words[1]) : 0;
                }
                default -> {
                    // an extension this client does not use
                }
            }
        }
        return new EhloCapabilities(pipelining, startTls, smtpUtf8, eightBitMime, size, sizeLimit);
    }

    private static long parseLimit(String word) {
        try {
            return Math.max(0, Long.parseLong(word));
        } catch (NumberFormatException e) {
            return 0; // a SIZE parameter we cannot read limits nothing we can check
        }
    }
}
