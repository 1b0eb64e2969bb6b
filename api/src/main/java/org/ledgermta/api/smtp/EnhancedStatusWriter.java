package org.ledgermta.api.smtp;

import java.io.PrintWriter;
import java.lang.reflect.Field;
import org.subethamail.smtp.server.Session;

/**
 * The session's reply writer, with {@link EnhancedStatusCodes} applied to every reply. SubEthaSMTP keeps
 * the writer in a private field and recreates it after STARTTLS, so it is installed at session start and
 * again after each STARTTLS. A library upgrade that renames the field fails loudly at the first session
 * (and in the intake tests), never silently.
 */
final class EnhancedStatusWriter extends PrintWriter {

    private static final Field WRITER = writerField();

    private final String hostname;

    private EnhancedStatusWriter(PrintWriter original, String hostname) {
        super(original);
        this.hostname = hostname;
    }

    static void install(Session session) {
        try {
            PrintWriter current = (PrintWriter) WRITER.get(session);
            if (current != null && !(current instanceof EnhancedStatusWriter)) {
                WRITER.set(session, new EnhancedStatusWriter(current, session.getServer().getHostName()));
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot wrap SubEthaSMTP's reply writer", e);
        }
    }

    @Override
    public void print(String reply) {
        // Session.sendResponse writes each reply as one print(reply + CRLF) followed by flush()
        if (reply.endsWith("\r\n")) {
            super.print(EnhancedStatusCodes.addTo(reply.substring(0, reply.length() - 2), hostname) + "\r\n");
        } else {
            super.print(reply);
        }
    }

    private static Field writerField() {
        try {
            Field field = Session.class.getDeclaredField("writer");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("SubEthaSMTP's Session no longer has a 'writer' field; revisit"
                    + " EnhancedStatusWriter after the library upgrade", e);
        }
    }
}
