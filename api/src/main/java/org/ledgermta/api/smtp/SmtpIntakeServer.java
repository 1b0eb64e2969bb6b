package org.ledgermta.api.smtp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.ledgermta.api.intake.IntakePipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.internal.server.CommandHandler;
import org.subethamail.smtp.internal.server.RequireAuthCommandWrapper;
import org.subethamail.smtp.internal.server.RequireTLSCommandWrapper;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.SessionHandler;

/**
 * The SMTP front door (SubEthaSMTP does the protocol framing). It opens after everything it needs is up
 * and closes first on shutdown, so that no client is told 250 by a half-stopped service.
 */
public final class SmtpIntakeServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SmtpIntakeServer.class);

    private final SMTPServer server;
    private final ListenAddress listen;

    public SmtpIntakeServer(SmtpProperties properties, IntakePipeline pipeline, AccountPasswordValidator validator,
                            Path dataDir) {
        this.listen = ListenAddress.parse("mta.smtp.listen", properties.listen());
        InetAddress bindAddress;
        try {
            bindAddress = InetAddress.getByName(listen.host());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("mta.smtp.listen: cannot resolve '" + listen.host() + "'", e);
        }
        AuthenticationGate gate = new AuthenticationGate(properties.authWithoutTlsOnLoopback());
        SMTPServer.Builder builder = SMTPServer.port(listen.port())
                .bindAddress(bindAddress)
                .hostName(pipeline.hostname())
                .softwareName("ledgermta")
                // the pipeline writes the one Received line of this hop, with the queue id in it
                .insertReceivedHeaders(false)
                .messageHandlerFactory(context -> new IntakeSession(context, pipeline,
                        (int) properties.maxMessageSize().toBytes()))
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory(validator))
                .maxConnections(properties.maxConnections())
                .sessionHandler(new EnhancedStatusSessions(
                        SessionHandler.limitConcurrentSessionsBySource(properties.maxConnectionsPerClient())))
                .connectionTimeout((int) properties.idleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .maxRecipients(properties.maxRecipients())
                .maxMessageSize((int) properties.maxMessageSize().toBytes());
        if (properties.tls().enabled()) {
            builder.enableTLS().startTlsSocketFactory(
                    TlsCertificate.sslContext(properties.tls(), dataDir, pipeline.hostname()), false);
        }
        this.server = builder.build();
        CommandHandler commands = server.getCommandHandler();
        commands.addCommand(new EhloCommand(gate));
        // as SubEthaSMTP registers its own DATA: after STARTTLS when TLS is required, after AUTH when AUTH is
        commands.addCommand(new RequireAuthCommandWrapper(new RequireTLSCommandWrapper(new DataCommand())));
        commands.addCommand(new AuthCommandGuard(commands.getCommand("AUTH"), gate));
        commands.addCommand(EnhancedStatusSessions.afterStartTls(commands.getCommand("STARTTLS")));
    }

    @Override
    public void start() {
        server.start();
        log.info("SMTP intake listening on {}:{}", listen.host(), server.getPortAllocated());
    }

    @Override
    public void stop() {
        server.stop();
    }

    @Override
    public boolean isRunning() {
        return server.isRunning();
    }

    /** Started late (after Axon's processors and the account directory), stopped early. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    /** The port actually bound; differs from the configured one when that was 0. */
    public int port() {
        return server.getPortAllocated();
    }
}
