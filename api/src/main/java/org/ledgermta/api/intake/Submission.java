package org.ledgermta.api.intake;

import java.util.List;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.IntakeRoute;
import org.ledgermta.domain.ReversePath;
import org.ledgermta.projections.account.AccountView;

/** A message handed to the intake, over SMTP after the final dot or over HTTP, with its envelope. */
public record Submission(
        AccountView account,
        String clientIp,
        String helo,
        IntakeRoute route,
        boolean tls,
        boolean authenticated,
        ReversePath sender,
        List<EmailAddress> recipients,
        byte[] content) {

    public Submission {
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a submission needs at least one recipient");
        }
    }
}
