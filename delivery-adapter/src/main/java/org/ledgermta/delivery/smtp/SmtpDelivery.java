package org.ledgermta.delivery.smtp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.ledgermta.domain.message.SmtpReply;

/**
 * The outbound SMTP client (RFC 5321): one transaction per call, from a chosen egress IP to one MX address,
 * over a cached connection when one is idle. One instance per service; thread-safe. Socket, TLS and timeout
 * failures end here as a {@link TransactionResult.ConnectionFailed}; nothing is thrown for them.
 */
public final class SmtpDelivery implements AutoCloseable {

    private final SmtpClientSettings settings;
    private final SmtpSession session;
    private final ConnectionCache cache;
    private volatile boolean closed;

    public SmtpDelivery(SmtpClientSettings settings) {
        this(settings, null);
    }

    /** {@code verifyingContext}: the trust roots for {@link TlsPolicy#REQUIRED_VERIFIED}; the JDK's when null. */
    SmtpDelivery(SmtpClientSettings settings, SSLContext verifyingContext) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.session = new SmtpSession(settings, new TlsContexts(verifyingContext));
        this.cache = new ConnectionCache(settings.maxIdle(), session::quit);
    }

    /**
     * Delivers {@code envelope} to {@code mxAddress} (a resolved address; {@code mxHost} is its name, for TLS
     * and the record), with the socket bound to {@code egressIp} and {@code heloName} as EHLO argument.
     */
    public TransactionResult deliver(InetAddress egressIp, String heloName, String mxHost,
            InetSocketAddress mxAddress, OutboundEnvelope envelope) {
        return deliver(egressIp, heloName, mxHost, mxAddress, envelope, settings.maxMessagesPerConnection());
    }

    /**
     * As {@link #deliver(InetAddress, String, String, InetSocketAddress, OutboundEnvelope)}, with the connection
     * closed after {@code messagesPerConnection} transactions (the receiving provider's limit) if that is lower
     * than the settings' maximum.
     */
    public TransactionResult deliver(InetAddress egressIp, String heloName, String mxHost,
            InetSocketAddress mxAddress, OutboundEnvelope envelope, int messagesPerConnection) {
        Objects.requireNonNull(egressIp, "egressIp");
        if (messagesPerConnection < 1) {
            throw new IllegalArgumentException("messagesPerConnection must be at least 1, was " + messagesPerConnection);
        }
        int perConnection = Math.min(messagesPerConnection, settings.maxMessagesPerConnection());
        Objects.requireNonNull(mxAddress, "mxAddress");
        Objects.requireNonNull(envelope, "envelope");
        if (mxAddress.isUnresolved()) {
            throw new IllegalArgumentException("MX address " + mxAddress + " must be resolved before delivery");
        }
        if (heloName == null || !heloName.matches("[\\p{Graph}&&[^\\[\\]]]+|\\[[0-9A-Fa-f.:]+]|\\[IPv6:[0-9A-Fa-f.:]+]")) {
            throw new IllegalArgumentException("HELO name '" + heloName
                    + "' is not a domain or address literal (RFC 5321 §4.1.1.1)");
        }
        if (mxHost == null || mxHost.isBlank()) {
            throw new IllegalArgumentException("MX host name must not be blank");
        }
        if (closed) {
            throw new IllegalStateException("This SmtpDelivery is closed");
        }
        Destination destination = new Destination(egressIp, heloName, mxHost, mxAddress);
        long started = System.nanoTime();
        Attempt attempt;
        TransactionResult result;
        try {
            attempt = attempt(destination, envelope, perConnection);
            result = new TransactionResult.Completed(attempt.recipients(), attempt.tls(), mxHost,
                    destination.mxAddressText(), Duration.ofNanos(System.nanoTime() - started));
        } catch (SmtpFailure failure) {
            attempt = null;
            result = new TransactionResult.ConnectionFailed(failure.kind(), failure.reply(), mxHost,
                    destination.mxAddressText(), Duration.ofNanos(System.nanoTime() - started));
        }
        TransactionLog.record(destination, envelope.recipients().size(), result,
                attempt == null ? null : attempt.finalReply(), attempt != null && attempt.reused());
        return result;
    }

    /** QUITs every cached connection. Deliveries still running finish; their connections are QUIT after. */
    @Override
    public void close() {
        closed = true;
        cache.close();
    }

    /** Idle connections held for reuse, all destinations together. */
    int idleConnections() {
        return cache.idleCount();
    }

    private record Attempt(List<RecipientReply> recipients, SmtpReply finalReply, boolean tls, boolean reused) {
    }

    private Attempt attempt(Destination destination, OutboundEnvelope envelope, int perConnection)
            throws SmtpFailure {
        Destination.ConnectionKey key = destination.key(settings.tls() == TlsPolicy.REQUIRED_VERIFIED);
        SmtpConnection cached = cache.take(key);
        if (cached != null) {
            if (session.reset(cached)) {
                return transact(key, cached, envelope, true, perConnection);
            }
            // The server dropped the idle connection (EOF or 421 to RSET: RFC 5321 §4.5.3.2.7 lets it after
            // 5 minutes, many do sooner). Nothing was sent for this message yet: once more, on a new connection.
            cached.close();
        }
        return switch (session.open(destination)) {
            case SmtpSession.Opening.Refused refused -> new Attempt(
                    envelope.recipients().stream().map(r -> new RecipientReply(r, refused.reply())).toList(),
                    refused.reply(), refused.tls(), false);
            case SmtpSession.Opening.Ready ready -> transact(key, ready.connection(), envelope, false, perConnection);
        };
    }

    private Attempt transact(Destination.ConnectionKey key, SmtpConnection connection, OutboundEnvelope envelope,
            boolean reused, int perConnection) throws SmtpFailure {
        MailTransaction.Outcome outcome;
        try {
            outcome = MailTransaction.run(settings, connection, envelope);
        } catch (SmtpFailure failure) {
            connection.close();
            throw failure;
        }
        connection.countTransaction();
        if (!outcome.reusable()) {
            connection.close();
        } else if (connection.transactions() >= perConnection || closed) {
            cache.retire(connection);
        } else {
            cache.release(key, connection);
        }
        return new Attempt(outcome.recipients(), outcome.finalReply(), connection.tls(), reused);
    }
}
