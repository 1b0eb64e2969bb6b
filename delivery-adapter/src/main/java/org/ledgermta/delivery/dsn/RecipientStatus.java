package org.ledgermta.delivery.dsn;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import org.ledgermta.domain.EmailAddress;

/**
 * One undelivered recipient as the notification reports it. status is the RFC 3463 enhanced code (5.1.1 for
 * an unknown mailbox, 4.4.7 for an expired message); diagnostic is the remote server's reply as received,
 * such as "550 5.1.1 User unknown", or a sentence of ours when there was no reply, or null. remoteMta (the MX
 * host or an IP address) and lastAttempt are null when the recipient was never tried.
 */
public record RecipientStatus(
        String recipient, String status, String diagnostic, String remoteMta, Instant lastAttempt) {

    // RFC 3464 §2.3.4 with RFC 3463 §2: a failed recipient has a class 4 (the message expired while the
    // failure was transient) or class 5 status, never 2.
    private static final Pattern FAILURE_STATUS = Pattern.compile("[45]\\.[0-9]{1,3}\\.[0-9]{1,3}");

    public RecipientStatus {
        Objects.requireNonNull(recipient, "recipient is required");
        Objects.requireNonNull(status, "status is required");
        recipient = new EmailAddress(recipient).value();
        if (!FAILURE_STATUS.matcher(status).matches()) {
            throw new IllegalArgumentException("Status '" + status + "' of recipient " + recipient
                    + " is not valid: expected an enhanced code of class 4 or 5 such as 5.1.1 or 4.4.7 (RFC 3463).");
        }
        if (remoteMta != null) {
            remoteMta = MtaName.normalise(remoteMta, "Remote MTA of recipient " + recipient);
        }
    }
}
