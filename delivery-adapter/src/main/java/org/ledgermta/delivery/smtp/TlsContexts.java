package org.ledgermta.delivery.smtp;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/** The two ways this client runs TLS: encrypt with anyone (opportunistic), or only with a verified server. */
final class TlsContexts {

    private final SSLSocketFactory opportunistic;
    private final SSLSocketFactory verifying;

    /** {@code verifying}: the trust roots for {@link TlsPolicy#REQUIRED_VERIFIED}; the JDK's when null. */
    TlsContexts(SSLContext verifying) {
        try {
            SSLContext anyCertificate = SSLContext.getInstance("TLS");
            anyCertificate.init(null, new TrustManager[] {new AcceptingTrustManager()}, null);
            this.opportunistic = anyCertificate.getSocketFactory();
            this.verifying = (verifying == null ? SSLContext.getDefault() : verifying).getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK cannot provide TLS: " + e.getMessage(), e);
        }
    }

    SSLSocketFactory opportunistic() {
        return opportunistic;
    }

    SSLSocketFactory verifying() {
        return verifying;
    }

    /**
     * RFC 7435 §3: opportunistic TLS encrypts without authenticating; an MX certificate is often self-signed,
     * expired or for another name, and refusing it would only send the mail in cleartext instead.
     */
    private static final class AcceptingTrustManager extends X509ExtendedTrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
