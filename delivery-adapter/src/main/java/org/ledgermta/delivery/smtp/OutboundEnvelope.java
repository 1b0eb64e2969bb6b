package org.ledgermta.delivery.smtp;

import java.util.List;
import java.util.Objects;

/**
 * One SMTP transaction's envelope and content. {@code mailFrom} is the reverse-path without angle brackets,
 * {@code ""} for the null sender {@code <>} (DSNs, RFC 5321 §4.5.5). {@code message} is the stored message
 * with CRLF line ends, not dot-stuffed; it is not copied, so the caller must not change it while a delivery
 * runs.
 */
public record OutboundEnvelope(String mailFrom, List<String> recipients, byte[] message) {

    public OutboundEnvelope {
        Objects.requireNonNull(mailFrom, "mailFrom (use \"\" for the null sender)");
        Objects.requireNonNull(recipients, "recipients");
        Objects.requireNonNull(message, "message");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("An SMTP transaction needs at least one recipient");
        }
        requireCommandSafe(mailFrom, "sender");
        for (String recipient : recipients) {
            if (recipient.isEmpty()) {
                throw new IllegalArgumentException("A recipient address must not be empty");
            }
            requireCommandSafe(recipient, "recipient");
        }
    }

    /** RFC 6531 §3.4: a non-ASCII address may only travel to a server that offers SMTPUTF8. */
    boolean needsSmtpUtf8() {
        return !isAscii(mailFrom) || recipients.stream().anyMatch(recipient -> !isAscii(recipient));
    }

    /** RFC 6152: content with octets above 127 is announced with BODY=8BITMIME where the server offers it. */
    boolean hasEightBitContent() {
        for (byte b : message) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "OutboundEnvelope[mailFrom=<" + mailFrom + ">, recipients=" + recipients + ", message="
                + message.length + " bytes]";
    }

    // An address goes into a command line verbatim: a CR, LF or NUL in it would end or forge a command.
    private static void requireCommandSafe(String address, String what) {
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c == '\r' || c == '\n' || c == '\0' || c == '<' || c == '>') {
                throw new IllegalArgumentException("The " + what + " address '" + address.replaceAll("[\\r\\n\\x00]", "?")
                        + "' contains a character that cannot go into an SMTP command (CR, LF, NUL, < or >)");
            }
        }
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 128);
    }
}
