package org.ledgermta.delivery.smtp;

import java.time.Duration;
import org.ledgermta.domain.message.SmtpReply;

/**
 * The session around the mail transactions (RFC 5321 §3.1-3.2, RFC 3207): connection, greeting, EHLO (HELO
 * when EHLO is refused), STARTTLS per policy, and RSET before a reused connection's next transaction.
 */
final class SmtpSession {

    // RFC 5321 gives QUIT and RSET no timeouts of their own. Waiting the 5 minutes of a MAIL command for a
    // goodbye holds a connection for nothing, and a cached connection that does not answer RSET quickly is
    // better replaced (Postfix: smtp_quit_timeout 300s but smtp_rset_timeout 20s).
    private static final Duration QUIT_LIMIT = Duration.ofSeconds(10);
    private static final Duration RSET_LIMIT = Duration.ofSeconds(20);

    private final SmtpClientSettings settings;
    private final TlsContexts tlsContexts;

    SmtpSession(SmtpClientSettings settings, TlsContexts tlsContexts) {
        this.settings = settings;
        this.tlsContexts = tlsContexts;
    }

    /** How a session opening ended: ready for mail, or the server's refusal that applies to every recipient. */
    sealed interface Opening {

        record Ready(SmtpConnection connection) implements Opening {
        }

        record Refused(SmtpReply reply, boolean tls) implements Opening {
        }
    }

    Opening open(Destination destination) throws SmtpFailure {
        if (settings.tls() == TlsPolicy.DISABLED) {
            return open(destination, false);
        }
        try {
            return open(destination, true);
        } catch (SmtpFailure failure) {
            if (failure.kind() == FailureKind.TLS_FAILED && settings.tls() == TlsPolicy.OPPORTUNISTIC) {
                // RFC 7435 §1.3: cleartext is the baseline of opportunistic security. A server whose TLS is
                // broken still gets its mail, on a new connection: the failed one is in an unknown state.
                return open(destination, false);
            }
            throw failure;
        }
    }

    /** RSET before reusing a cached connection (RFC 5321 §4.1.1.5); false when it is no longer usable. */
    boolean reset(SmtpConnection connection) {
        Duration timeout = shorter(settings.commandTimeout(), RSET_LIMIT);
        try {
            connection.send(timeout, "RSET", "RSET");
            return connection.read(timeout, "RSET", false).positive();
        } catch (SmtpFailure deadOrSilent) {
            return false;
        }
    }

    void quit(SmtpConnection connection) {
        connection.quit(quitTimeout());
    }

    Duration quitTimeout() {
        return shorter(settings.commandTimeout(), QUIT_LIMIT);
    }

    private Opening open(Destination destination, boolean tryTls) throws SmtpFailure {
        SmtpConnection connection = SmtpConnection.open(destination.egressIp(), destination.mxHost(),
                destination.mxAddress(), settings.connectTimeout());
        try {
            ServerReply greeting = connection.read(settings.greetingTimeout(), "the greeting", false);
            if (!greeting.positive()) {
                return refused(connection, greeting);
            }
            ServerReply hello = hello(connection, destination.heloName());
            if (!hello.positive()) {
                return refused(connection, hello);
            }
            if (tryTls) {
                ServerReply refusal = startTls(connection, destination);
                if (refusal != null) {
                    return refused(connection, refusal);
                }
            }
            return new Opening.Ready(connection);
        } catch (SmtpFailure failure) {
            connection.close();
            throw failure;
        }
    }

    /** Null when the session may go on (over TLS, or in cleartext where the policy allows it). */
    private ServerReply startTls(SmtpConnection connection, Destination destination) throws SmtpFailure {
        boolean required = settings.tls() == TlsPolicy.REQUIRED_VERIFIED;
        if (!connection.capabilities().startTls()) {
            if (required) {
                quit(connection);
                // X.7.4 "Security features not supported" (RFC 3463), as Postfix reports it.
                throw new SmtpFailure(FailureKind.TLS_FAILED, "4.7.4", "TLS is required, but " + connection.peer()
                        + " does not offer STARTTLS");
            }
            return null;
        }
        connection.send(settings.commandTimeout(), "STARTTLS", "STARTTLS");
        ServerReply answer = connection.read(settings.commandTimeout(), "STARTTLS", false);
        if (answer.code() != 220) {
            if (required) {
                quit(connection);
                throw new SmtpFailure(FailureKind.TLS_FAILED, "TLS is required, but " + connection.peer()
                        + " refused STARTTLS: " + answer.toSmtpReply());
            }
            // RFC 3207 §4: after "454 TLS not available" the client decides; opportunistic TLS carries on.
            return answer.closing() ? answer : null;
        }
        connection.startTls(required ? tlsContexts.verifying() : tlsContexts.opportunistic(), destination.mxHost(),
                required, settings.commandTimeout());
        // RFC 3207 §4.2: forget what the server said before TLS and ask again.
        ServerReply hello = hello(connection, destination.heloName());
        return hello.positive() ? null : hello;
    }

    private ServerReply hello(SmtpConnection connection, String heloName) throws SmtpFailure {
        connection.send(settings.commandTimeout(), "EHLO", "EHLO " + heloName);
        ServerReply ehlo = connection.read(settings.commandTimeout(), "EHLO", false);
        if (ehlo.positive()) {
            connection.capabilities(EhloCapabilities.parse(ehlo.lines()));
            return ehlo;
        }
        if (ehlo.code() / 100 != 5) {
            return ehlo;
        }
        // RFC 5321 §4.1.1.1 and §3.2: a server that does not do EHLO answers 5xx; HELO then, without extensions.
        connection.send(settings.commandTimeout(), "HELO", "HELO " + heloName);
        connection.capabilities(EhloCapabilities.NONE);
        return connection.read(settings.commandTimeout(), "HELO", false);
    }

    /** A refusal ends the session: QUIT (RFC 5321 §3.1: after a 554 greeting too), unless it already said 421. */
    private Opening refused(SmtpConnection connection, ServerReply reply) {
        if (reply.closing()) {
            connection.close();
        } else {
            quit(connection);
        }
        return new Opening.Refused(reply.toSmtpReply(), connection.tls());
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
