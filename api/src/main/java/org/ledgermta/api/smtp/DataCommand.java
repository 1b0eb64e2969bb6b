package org.ledgermta.api.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.internal.util.SMTPResponseHelper;
import org.subethamail.smtp.server.Session;

/**
 * DATA as SubEthaSMTP answers it, with the message read in blocks ({@link DotTerminatedData}) instead of a
 * byte per call. The intake never asks SubEthaSMTP for its Received line (the pipeline writes this hop's).
 */
final class DataCommand extends BaseCommand {

    DataCommand() {
        super("DATA", "Following text is collected as the message.\nEnd data with <CR><LF>.<CR><LF>");
    }

    @Override
    public void execute(String commandString, Session session) throws IOException, DropConnectionException {
        if (!session.isMailTransactionInProgress()) {
            session.sendResponse("503 5.5.1 Error: need MAIL command");
            return;
        }
        if (session.getRecipientCount() == 0) {
            session.sendResponse("503 5.5.1 Error: need RCPT command");
            return;
        }
        session.sendResponse("354 End data with <CR><LF>.<CR><LF>");
        InputStream message = new DotTerminatedData(session.getRawInput());
        String reply;
        try {
            reply = session.getMessageHandler().data(message);
            // a handler that stopped early: the rest of the message must not be read as commands
            message.transferTo(OutputStream.nullOutputStream());
        } catch (RejectException e) {
            session.sendResponse(e.getErrorResponse());
            return;
        }
        session.sendResponse(reply != null ? SMTPResponseHelper.buildResponse("250", reply) : "250 Ok");
        session.resetMailTransaction();
    }
}
