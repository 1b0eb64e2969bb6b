package org.ledgermta.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledgermta.delivery.smtp.SmtpTests.EGRESS_1;
import static org.ledgermta.delivery.smtp.SmtpTests.HELO;
import static org.ledgermta.delivery.smtp.SmtpTests.MX_HOST;
import static org.ledgermta.delivery.smtp.SmtpTests.envelope;
import static org.ledgermta.delivery.smtp.SmtpTests.failed;
import static org.ledgermta.delivery.smtp.SmtpTests.settings;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Socket failures end as a typed ConnectionFailed with a synthetic 4xx, never as an exception. */
class SmtpDeliveryFailureTest {

    private SmtpDelivery delivery = new SmtpDelivery(settings());
    private ScriptedMx mx;

    @AfterEach
    void stop() throws Exception {
        delivery.close();
        if (mx != null) {
            mx.close();
        }
    }

    @Test
    void refusedConnectionIsAConnectFailureWithATransientReply() throws Exception {
        InetSocketAddress nothingListening;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            nothingListening = new InetSocketAddress(probe.getInetAddress(), probe.getLocalPort());
        }

        TransactionResult.ConnectionFailed result = failed(delivery.deliver(EGRESS_1, HELO, MX_HOST, nothingListening,
                envelope("a@dest.test")));

        assertThat(result.kind()).isEqualTo(FailureKind.CONNECT_REFUSED);
        assertThat(result.reply().code()).isEqualTo(451);
        assertThat(result.reply().enhancedCode()).isEqualTo("4.4.1");
        assertThat(result.reply().text()).isEqualTo("Connection refused by mx.test [127.0.0.1]:"
                + nothingListening.getPort() + " from 127.0.0.11");
        assertThat(result.mxAddress()).isEqualTo("127.0.0.1:" + nothingListening.getPort());
    }

    @Test
    void serverThatNeverGreetsTimesOutWithinTheGreetingTimeout() throws Exception {
        mx = ScriptedMx.start(new MxScript().silent());
        SmtpClientSettings s = settings();
        delivery = new SmtpDelivery(new SmtpClientSettings(s.connectTimeout(), Duration.ofMillis(300),
                s.commandTimeout(), s.dataInitiationTimeout(), s.dataBlockTimeout(), s.dataTerminationTimeout(),
                s.tls(), 100, s.maxIdle()));

        TransactionResult.ConnectionFailed result = failed(delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(),
                envelope("a@dest.test")));

        assertThat(result.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(result.reply().transientFailure()).isTrue();
        assertThat(result.reply().enhancedCode()).isEqualTo("4.4.2");
        assertThat(result.reply().text()).contains("did not answer the greeting within 300 ms");
        assertThat(result.duration()).isBetween(Duration.ofMillis(300), Duration.ofSeconds(2));
    }

    @Test
    void egressIpThatIsNotLocalFailsToBindBeforeAnyConnection() throws Exception {
        mx = ScriptedMx.start(new MxScript());
        // TEST-NET-1 (RFC 5737) is on no interface here: bind() fails locally, no packet leaves.
        InetAddress notLocal = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 1});

        TransactionResult.ConnectionFailed result = failed(delivery.deliver(notLocal, HELO, MX_HOST, mx.address(),
                envelope("a@dest.test")));

        assertThat(result.kind()).isEqualTo(FailureKind.BIND_FAILED);
        assertThat(result.reply().transientFailure()).isTrue();
        assertThat(result.reply().text()).contains("192.0.2.1", "Cannot assign requested address");
        assertThat(mx.connections()).isZero();
    }

    @Test
    void connectionLostAfterTheFinalDotIsATransientFailureThoughTheMessageMayHaveArrived() throws Exception {
        mx = ScriptedMx.start(new MxScript().dropBeforeFinalReply());

        TransactionResult.ConnectionFailed result = failed(delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(),
                envelope("a@dest.test")));

        assertThat(result.kind()).isEqualTo(FailureKind.CONNECTION_LOST);
        assertThat(result.reply().code()).isEqualTo(451);
        assertThat(result.reply().text()).contains("the end of data");
        assertThat(mx.transactions()).as("the server had the whole message").hasSize(1);
        assertThat(delivery.idleConnections()).isZero();
    }

    @Test
    void serverThatSpeaksSomethingElseIsAProtocolError() throws Exception {
        mx = ScriptedMx.start(new MxScript().greeting("SSH-2.0-OpenSSH_9.6"));

        TransactionResult.ConnectionFailed result = failed(delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(),
                envelope("a@dest.test")));

        assertThat(result.kind()).isEqualTo(FailureKind.PROTOCOL_ERROR);
        assertThat(result.reply().enhancedCode()).isEqualTo("4.5.0");
        assertThat(result.reply().text()).contains("SSH-2.0-OpenSSH_9.6");
    }

    @Test
    void serverThatDoesNotAnswerTheFinalDotTimesOut() throws Exception {
        mx = ScriptedMx.start(new MxScript().withholdFinalReply());
        SmtpClientSettings s = settings();
        delivery = new SmtpDelivery(new SmtpClientSettings(s.connectTimeout(), s.greetingTimeout(),
                s.commandTimeout(), s.dataInitiationTimeout(), s.dataBlockTimeout(), Duration.ofMillis(300),
                s.tls(), 100, s.maxIdle()));

        TransactionResult.ConnectionFailed result = failed(delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(),
                envelope("a@dest.test")));

        assertThat(result.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(result.reply().text()).contains("did not answer the end of data within 300 ms");
    }
}
