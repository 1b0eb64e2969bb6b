package org.ledgermta.api.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ledgermta.api.intake.IntakeOutcome;
import org.ledgermta.api.intake.IntakePipeline;
import org.ledgermta.api.intake.Submission;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.IntakeRoute;
import org.ledgermta.domain.ReversePath;
import org.ledgermta.domain.message.SmtpReply;
import org.ledgermta.projections.account.AccountView;
import org.subethamail.smtp.AuthenticationHandler;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;

/** One SMTP mail transaction (MAIL … DATA), handed to the intake pipeline at each step. */
final class IntakeSession implements MessageHandler {

    private final MessageContext context;
    private final IntakePipeline pipeline;
    private final String clientIp;
    private final int maxMessageBytes;
    private final List<EmailAddress> recipients = new ArrayList<>();
    private ReversePath sender;
    private Optional<AccountView> account;

    IntakeSession(MessageContext context, IntakePipeline pipeline, int maxMessageBytes) {
        this.context = context;
        this.pipeline = pipeline;
        this.maxMessageBytes = maxMessageBytes;
        this.clientIp = ipOf(context.getRemoteAddress());
    }

    @Override
    public void from(String address) throws RejectException {
        try {
            sender = new ReversePath(address == null ? "" : address);
        } catch (IllegalArgumentException e) {
            throw new RejectException(501, "5.1.7 Bad sender address syntax: " + e.getMessage());
        }
    }

    @Override
    public void recipient(String address) throws RejectException {
        EmailAddress recipient;
        try {
            recipient = new EmailAddress(address);
        } catch (IllegalArgumentException e) {
            throw new RejectException(501, "5.1.3 Bad recipient address syntax: " + e.getMessage());
        }
        if (recipients.contains(recipient)) {
            return; // RFC 5321 §3.3 leaves duplicates to the server: deliver once
        }
        IntakeOutcome admitted = pipeline.admitRecipients(account(), clientIp, sender, List.of(recipient));
        if (admitted instanceof IntakeOutcome.Refused refused) {
            throw reject(refused.reply());
        }
        recipients.add(recipient);
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
        byte[] content = data.readNBytes(maxMessageBytes + 1);
        if (content.length > maxMessageBytes) {
            // Read to the final dot before answering: what is left would otherwise be taken as commands.
            data.transferTo(OutputStream.nullOutputStream());
            throw new RejectException(552, "5.3.4 Message size exceeds the fixed maximum of " + maxMessageBytes
                    + " bytes");
        }
        Optional<AccountView> relayAs = account();
        if (relayAs.isEmpty() || recipients.isEmpty()) {
            throw new RejectException(503, "5.5.1 No valid recipients");
        }
        Submission submission = new Submission(relayAs.get(), clientIp, context.getHelo().orElse(null),
                IntakeRoute.SMTP, tlsStarted(),
                authenticatedAs().isPresent(), sender, recipients, content);
        return switch (pipeline.accept(submission)) {
            case IntakeOutcome.Accepted accepted -> accepted.reply().enhancedCode() + " " + accepted.reply().text();
            case IntakeOutcome.Refused refused -> throw reject(refused.reply());
            case IntakeOutcome.Passed passed -> throw new IllegalStateException("the pipeline neither accepted nor refused");
        };
    }

    @Override
    public void done() {
    }

    private Optional<AccountView> account() {
        if (account == null) {
            account = pipeline.relayAccount(clientIp, authenticatedAs());
        }
        return account;
    }

    private Optional<String> authenticatedAs() {
        return context.getAuthenticationHandler().map(AuthenticationHandler::getIdentity).map(Object::toString);
    }

    private boolean tlsStarted() {
        return context instanceof org.subethamail.smtp.server.Session session && session.isTLSStarted();
    }

    private static RejectException reject(SmtpReply reply) {
        return new RejectException(reply.code(), reply.enhancedCode() + " " + reply.text());
    }

    private static String ipOf(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }
}
