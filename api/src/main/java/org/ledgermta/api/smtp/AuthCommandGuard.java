package org.ledgermta.api.smtp;

import java.io.IOException;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.internal.server.HelpMessage;
import org.subethamail.smtp.server.Session;

/** Refuses AUTH outside TLS (RFC 4954 §4: 538), so that no password crosses the network in clear. */
final class AuthCommandGuard implements Command {

    private final Command auth;
    private final AuthenticationGate authentication;

    AuthCommandGuard(Command auth, AuthenticationGate authentication) {
        this.auth = auth;
        this.authentication = authentication;
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        if (!authentication.allows(session)) {
            session.sendResponse("538 5.7.11 Encryption required for requested authentication mechanism: issue STARTTLS first");
            return;
        }
        auth.execute(commandString, session);
    }

    @Override
    public HelpMessage getHelp() throws org.subethamail.smtp.internal.server.CommandException {
        return auth.getHelp();
    }

    @Override
    public String getName() {
        return auth.getName();
    }
}
