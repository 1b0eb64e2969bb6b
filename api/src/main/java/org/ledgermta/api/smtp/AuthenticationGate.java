package org.ledgermta.api.smtp;

import java.net.InetSocketAddress;
import org.subethamail.smtp.server.Session;

/** Whether a session may see and use AUTH: only inside TLS, unless loopback clients are allowed plain. */
final class AuthenticationGate {

    private final boolean withoutTlsOnLoopback;

    AuthenticationGate(boolean withoutTlsOnLoopback) {
        this.withoutTlsOnLoopback = withoutTlsOnLoopback;
    }

    boolean allows(Session session) {
        if (session.isTLSStarted()) {
            return true;
        }
        InetSocketAddress client = session.getRealRemoteAddress();
        return withoutTlsOnLoopback && client != null && client.getAddress() != null
                && client.getAddress().isLoopbackAddress();
    }
}
