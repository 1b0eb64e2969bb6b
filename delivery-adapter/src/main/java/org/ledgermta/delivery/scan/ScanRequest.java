package org.ledgermta.delivery.scan;

import java.util.List;
import java.util.Objects;

/**
 * One message as the scanners see it: the raw RFC 5322 bytes as they would be queued, and the SMTP
 * envelope. {@code clientIp}, {@code heloName}, {@code authenticatedAccount} and {@code queueId} may be
 * null when unknown; {@code envelopeSender} is "" for the null reverse path ({@code MAIL FROM:<>}).
 */
public record ScanRequest(byte[] message, String clientIp, String heloName, String envelopeSender,
                          List<String> recipients, String authenticatedAccount, String queueId) {

    public ScanRequest {
        Objects.requireNonNull(message, "message");
        envelopeSender = envelopeSender == null ? "" : envelopeSender;
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }

    /** Just the bytes, no envelope: what a command-line check or a test sends. */
    public static ScanRequest ofMessage(byte[] message) {
        return new ScanRequest(message, null, null, "", List.of(), null, null);
    }
}
