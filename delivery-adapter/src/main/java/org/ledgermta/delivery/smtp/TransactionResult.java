package org.ledgermta.delivery.smtp;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.ledgermta.domain.message.SmtpReply;

/** What one SMTP transaction with one MX address achieved. */
public sealed interface TransactionResult {

    String mxHost();

    /** The address connected to, {@code 192.0.2.1:25} or {@code [2001:db8::1]:25}. */
    String mxAddress();

    Duration duration();

    /**
     * The server answered for every recipient, in the envelope's order: a recipient refused at RCPT has that
     * reply; the others have the reply to the end of data, or the reply that ended the session before it
     * (greeting, HELO, MAIL FROM, DATA). A few replies are made up here when the client itself must refuse
     * (the message needs SMTPUTF8 or exceeds the declared SIZE); their text says so.
     */
    record Completed(List<RecipientReply> recipients, boolean tls, String mxHost, String mxAddress, Duration duration)
            implements TransactionResult {

        public Completed {
            recipients = List.copyOf(recipients);
            Objects.requireNonNull(mxHost, "mxHost");
            Objects.requireNonNull(mxAddress, "mxAddress");
            Objects.requireNonNull(duration, "duration");
        }
    }

    /**
     * No server verdict for the recipients: the connection could not be made or broke down. {@code reply} is
     * a synthetic 4xx with an RFC 3463 enhanced code (4.4.1 no answer, 4.4.2 bad connection, 4.7.x TLS …)
     * that applies to every recipient of the envelope, so the caller classifies it like a server reply.
     */
    record ConnectionFailed(FailureKind kind, SmtpReply reply, String mxHost, String mxAddress, Duration duration)
            implements TransactionResult {

        public ConnectionFailed {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(mxHost, "mxHost");
            Objects.requireNonNull(mxAddress, "mxAddress");
            Objects.requireNonNull(duration, "duration");
        }
    }
}
