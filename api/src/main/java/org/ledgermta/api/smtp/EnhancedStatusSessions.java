package org.ledgermta.api.smtp;

import java.io.IOException;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.internal.server.CommandException;
import org.subethamail.smtp.internal.server.HelpMessage;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/** Installs {@link EnhancedStatusWriter} on every session before its greeting, and again after STARTTLS. */
final class EnhancedStatusSessions implements SessionHandler {

    private final SessionHandler admission;

    EnhancedStatusSessions(SessionHandler admission) {
        this.admission = admission;
    }

    @Override
    public SessionAcceptance accept(Session session) {
        EnhancedStatusWriter.install(session);
        return admission.accept(session);
    }

    @Override
    public void onSessionEnd(Session session) {
        admission.onSessionEnd(session);
    }

    static Command afterStartTls(Command startTls) {
        return new Command() {
            @Override
            public void execute(String commandString, Session session) throws IOException, DropConnectionException {
                startTls.execute(commandString, session);
                EnhancedStatusWriter.install(session);
            }

            @Override
            public HelpMessage getHelp() throws CommandException {
                return startTls.getHelp();
            }

            @Override
            public String getName() {
                return startTls.getName();
            }
        };
    }
}
