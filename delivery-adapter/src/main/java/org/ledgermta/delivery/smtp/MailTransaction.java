package org.ledgermta.delivery.smtp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ledgermta.domain.message.SmtpReply;

/**
 * One mail transaction on an open session (RFC 5321 §3.3): MAIL FROM, RCPT TO per recipient, DATA, the
 * message, the final reply. With PIPELINING (RFC 2920) MAIL, every RCPT and DATA go in one batch and the
 * replies are read in order; without it, each command waits for its reply.
 */
final class MailTransaction {

    private final SmtpClientSettings settings;
    private final SmtpConnection connection;
    private final OutboundEnvelope envelope;
    private final SmtpReply[] replies;

    private MailTransaction(SmtpClientSettings settings, SmtpConnection connection, OutboundEnvelope envelope) {
        this.settings = settings;
        this.connection = connection;
        this.envelope = envelope;
        this.replies = new SmtpReply[envelope.recipients().size()];
    }

    /**
     * The reply for each recipient, the reply that ended the transaction, and whether the session is still
     * in a state to carry another transaction (not after a 421, RFC 5321 §3.8).
     */
    record Outcome(List<RecipientReply> recipients, SmtpReply finalReply, boolean reusable) {
    }

    static Outcome run(SmtpClientSettings settings, SmtpConnection connection, OutboundEnvelope envelope)
            throws SmtpFailure {
        return new MailTransaction(settings, connection, envelope).run();
    }

    private Outcome run() throws SmtpFailure {
        EhloCapabilities capabilities = connection.capabilities();
        if (envelope.needsSmtpUtf8() && !capabilities.smtpUtf8()) {
            // RFC 6531 §3.2: without SMTPUTF8 a non-ASCII address cannot be sent at all; retrying won't help.
            return everyone(new SmtpReply(553, "5.6.7", connection.peer()
                    + " does not support SMTPUTF8, which the non-ASCII addresses of this message need"), true);
        }
        long limit = capabilities.sizeLimit();
        if (limit > 0 && envelope.message().length > limit) {
            // RFC 1870 §6.2: the client should not send a message the server has declared too large.
            return everyone(new SmtpReply(552, "5.3.4", "Message size " + envelope.message().length
                    + " exceeds the fixed maximum message size " + limit + " of " + connection.peer()), true);
        }
        String mailFrom = mailFromCommand(capabilities);
        List<String> rcptCommands = envelope.recipients().stream().map(r -> "RCPT TO:<" + r + ">").toList();
        return capabilities.pipelining() ? pipelined(mailFrom, rcptCommands) : stepByStep(mailFrom, rcptCommands);
    }

    private Outcome pipelined(String mailFrom, List<String> rcptCommands) throws SmtpFailure {
        List<String> batch = new ArrayList<>(rcptCommands.size() + 2);
        batch.add(mailFrom);
        batch.addAll(rcptCommands);
        batch.add("DATA");
        connection.send(settings.commandTimeout(), "MAIL FROM, RCPT TO and DATA", batch);
        ServerReply mail = connection.read(settings.commandTimeout(), "MAIL FROM", false);
        if (mail.closing()) {
            return everyone(mail.toSmtpReply(), false);
        }
        ServerReply closing = null;
        for (int i = 0; i < replies.length; i++) {
            ServerReply rcpt = connection.read(settings.commandTimeout(), "RCPT TO", false);
            replies[i] = rcpt.toSmtpReply();
            if (rcpt.closing()) {
                closing = rcpt;
                break;
            }
        }
        if (closing != null) {
            return mail.positive() ? fillRemaining(closing.toSmtpReply(), false) : everyone(mail.toSmtpReply(), false);
        }
        ServerReply data = connection.read(settings.dataInitiationTimeout(), "DATA", true);
        if (!mail.positive() || !anyAccepted()) {
            // RFC 2920 §3.1: the server should refuse DATA when nothing was accepted; if it says 354 anyway,
            // end the empty data at once.
            if (data.code() == 354) {
                connection.sendMessage(new byte[0], settings.dataBlockTimeout());
                connection.read(settings.dataTerminationTimeout(), "the end of data", false);
            }
            SmtpReply decisive = mail.positive() ? firstRefusal() : mail.toSmtpReply();
            if (!mail.positive()) {
                Arrays.fill(replies, decisive);
            }
            return outcome(decisive, !data.closing());
        }
        return afterData(data);
    }

    private Outcome stepByStep(String mailFrom, List<String> rcptCommands) throws SmtpFailure {
        connection.send(settings.commandTimeout(), "MAIL FROM", mailFrom);
        ServerReply mail = connection.read(settings.commandTimeout(), "MAIL FROM", false);
        if (!mail.positive()) {
            return everyone(mail.toSmtpReply(), !mail.closing());
        }
        for (int i = 0; i < replies.length; i++) {
            connection.send(settings.commandTimeout(), "RCPT TO", rcptCommands.get(i));
            ServerReply rcpt = connection.read(settings.commandTimeout(), "RCPT TO", false);
            replies[i] = rcpt.toSmtpReply();
            if (rcpt.closing()) {
                return fillRemaining(rcpt.toSmtpReply(), false);
            }
        }
        if (!anyAccepted()) {
            return outcome(firstRefusal(), true);
        }
        connection.send(settings.dataInitiationTimeout(), "DATA", "DATA");
        return afterData(connection.read(settings.dataInitiationTimeout(), "DATA", true));
    }

    /** After the reply to DATA, with at least one recipient accepted. */
    private Outcome afterData(ServerReply data) throws SmtpFailure {
        if (data.code() != 354) {
            if (data.positive() || data.code() / 100 == 3) {
                throw new SmtpFailure(FailureKind.PROTOCOL_ERROR, connection.peer()
                        + " answered DATA with " + data.toSmtpReply() + " instead of 354");
            }
            return acceptedGet(data.toSmtpReply(), !data.closing());
        }
        connection.sendMessage(envelope.message(), settings.dataBlockTimeout());
        // From here on the message may have been delivered even if no reply arrives: a failure now is a
        // CONNECTION_LOST or TIMEOUT (4xx) and the message is sent again later. RFC 5321 §6.1 and §4.1.1.4
        // accept the duplicate this may cause; losing the message is not acceptable.
        ServerReply end = connection.read(settings.dataTerminationTimeout(), "the end of data", false);
        return acceptedGet(end.toSmtpReply(), !end.closing());
    }

    /**
     * MAIL FROM:&lt;…&gt; with SIZE (RFC 1870), SMTPUTF8 (RFC 6531) and BODY=8BITMIME (RFC 6152) where the
     * server offers them and the message needs them.
     */
    private String mailFromCommand(EhloCapabilities capabilities) {
        StringBuilder command = new StringBuilder("MAIL FROM:<").append(envelope.mailFrom()).append('>');
        if (capabilities.size()) {
            command.append(" SIZE=").append(envelope.message().length);
        }
        if (capabilities.eightBitMime() && envelope.hasEightBitContent()) {
            command.append(" BODY=8BITMIME");
        }
        if (capabilities.smtpUtf8() && envelope.needsSmtpUtf8()) {
            command.append(" SMTPUTF8");
        }
        return command.toString();
    }

    private boolean anyAccepted() {
        return Arrays.stream(replies).anyMatch(reply -> reply != null && reply.positive());
    }

    private SmtpReply firstRefusal() {
        return Arrays.stream(replies).filter(reply -> !reply.positive()).findFirst().orElseThrow();
    }

    private Outcome everyone(SmtpReply reply, boolean reusable) {
        Arrays.fill(replies, reply);
        return outcome(reply, reusable);
    }

    /** The reply goes to the recipients accepted at RCPT; the refused keep their refusal. */
    private Outcome acceptedGet(SmtpReply reply, boolean reusable) {
        for (int i = 0; i < replies.length; i++) {
            if (replies[i].positive()) {
                replies[i] = reply;
            }
        }
        return outcome(reply, reusable);
    }

    /** A 421 in the middle: the transaction is void for every recipient not already refused. */
    private Outcome fillRemaining(SmtpReply closing, boolean reusable) {
        for (int i = 0; i < replies.length; i++) {
            if (replies[i] == null || replies[i].positive()) {
                replies[i] = closing;
            }
        }
        return outcome(closing, reusable);
    }

    private Outcome outcome(SmtpReply finalReply, boolean reusable) {
        List<RecipientReply> recipients = new ArrayList<>(replies.length);
        for (int i = 0; i < replies.length; i++) {
            recipients.add(new RecipientReply(envelope.recipients().get(i), replies[i]));
        }
        return new Outcome(recipients, finalReply, reusable);
    }
}
