package org.ledgermta.api.smtp;

import java.io.IOException;
import java.util.List;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.server.Session;

/**
 * Our EHLO reply. SubEthaSMTP's own leaves out PIPELINING (it pipelines anyway: commands are read one
 * after another from the stream) and ENHANCEDSTATUSCODES, and offers AUTH outside TLS.
 */
final class EhloCommand extends BaseCommand {

    private final AuthenticationGate authentication;

    EhloCommand(AuthenticationGate authentication) {
        super("EHLO", "Introduce yourself.", "<hostname>");
        this.authentication = authentication;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException {
        String[] args = getArgs(commandString);
        if (args.length < 2) {
            session.sendResponse("501 5.5.4 Syntax: EHLO hostname");
            return;
        }
        session.resetMailTransaction();
        session.setHelo(args[1]);

        StringBuilder reply = new StringBuilder("250-").append(session.getServer().getHostName());
        reply.append("\r\n250-PIPELINING");
        reply.append("\r\n250-SIZE ").append(session.getServer().getMaxMessageSize());
        reply.append("\r\n250-8BITMIME");
        reply.append("\r\n250-SMTPUTF8");
        reply.append("\r\n250-ENHANCEDSTATUSCODES");
        if (session.getServer().getEnableTLS() && !session.isTLSStarted()) {
            reply.append("\r\n250-STARTTLS");
        }
        if (authentication.allows(session)) {
            session.getServer().getAuthenticationHandlerFactory()
                    .map(factory -> List.copyOf(factory.getAuthenticationMechanisms()))
                    .filter(mechanisms -> !mechanisms.isEmpty())
                    .ifPresent(mechanisms -> reply.append("\r\n250-AUTH ").append(String.join(" ", mechanisms)));
        }
        reply.append("\r\n250 CHUNKING");
        session.sendResponse(reply.toString());
    }
}
