package org.ledgermta.delivery.smtp;

import java.util.Objects;
import org.ledgermta.domain.message.SmtpReply;

/** The reply that decided one recipient's fate in one transaction. */
public record RecipientReply(String recipient, SmtpReply reply) {

    public RecipientReply {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(reply, "reply");
    }
}
