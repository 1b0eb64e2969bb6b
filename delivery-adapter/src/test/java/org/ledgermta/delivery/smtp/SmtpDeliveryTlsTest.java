package org.ledgermta.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledgermta.delivery.smtp.SmtpTests.EGRESS_1;
import static org.ledgermta.delivery.smtp.SmtpTests.HELO;
import static org.ledgermta.delivery.smtp.SmtpTests.MX_HOST;
import static org.ledgermta.delivery.smtp.SmtpTests.PATIENCE;
import static org.ledgermta.delivery.smtp.SmtpTests.completed;
import static org.ledgermta.delivery.smtp.SmtpTests.envelope;
import static org.ledgermta.delivery.smtp.SmtpTests.failed;
import static org.ledgermta.delivery.smtp.SmtpTests.settings;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** STARTTLS (RFC 3207) under each policy, against a server with a certificate for mx.test made at test time. */
class SmtpDeliveryTlsTest {

    private static TestCertificates certificates;

    private SmtpDelivery delivery;
    private ScriptedMx mx;

    @BeforeAll
    static void makeCertificate() throws Exception {
        certificates = TestCertificates.selfSigned(MX_HOST);
    }

    @AfterEach
    void stop() throws Exception {
        if (delivery != null) {
            delivery.close();
        }
        if (mx != null) {
            mx.close();
        }
    }

    @Test
    void offeredStartTlsIsUsedWithoutCheckingTheCertificate() throws Exception {
        mx = ScriptedMx.start(new MxScript().startTls(), certificates.server());
        delivery = new SmtpDelivery(settings(TlsPolicy.OPPORTUNISTIC));

        TransactionResult result = delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(), envelope("a@dest.test"));

        assertThat(completed(result).tls()).isTrue();
        assertThat(completed(result).recipients()).allSatisfy(r -> assertThat(r.reply().positive()).isTrue());
        assertThat(mx.transactions()).singleElement().satisfies(t -> {
            assertThat(t.tls()).isTrue();
            assertThat(t.helo()).as("EHLO again after STARTTLS").isEqualTo(HELO);
            assertThat(t.clientIp()).isEqualTo("127.0.0.11");
        });
        assertThat(mx.commands()).containsSubsequence("EHLO " + HELO, "STARTTLS", "EHLO " + HELO, "MAIL FROM:<"
                + SmtpTests.SENDER + ">");
    }

    @Test
    void failedHandshakeFallsBackToCleartextOnANewConnection() throws Exception {
        mx = ScriptedMx.start(new MxScript().brokenTls(), certificates.server());
        delivery = new SmtpDelivery(settings(TlsPolicy.OPPORTUNISTIC));

        TransactionResult result = delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(), envelope("a@dest.test"));

        assertThat(completed(result).tls()).isFalse();
        assertThat(completed(result).recipients()).allSatisfy(r -> assertThat(r.reply().positive()).isTrue());
        assertThat(mx.connections()).isEqualTo(2);
        assertThat(mx.transactions()).singleElement().satisfies(t -> {
            assertThat(t.connection()).isEqualTo(2);
            assertThat(t.tls()).isFalse();
        });
        assertThat(mx.commands()).filteredOn("STARTTLS"::equals).hasSize(1);
    }

    @Test
    void requiredVerificationRefusesAnUntrustedCertificate() throws Exception {
        mx = ScriptedMx.start(new MxScript().startTls(), certificates.server());
        delivery = new SmtpDelivery(settings(TlsPolicy.REQUIRED_VERIFIED)); // the JDK's roots

        TransactionResult.ConnectionFailed result = failed(delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(),
                envelope("a@dest.test")));

        assertThat(result.kind()).isEqualTo(FailureKind.TLS_FAILED);
        assertThat(result.reply().code()).isEqualTo(451);
        assertThat(result.reply().enhancedCode()).isEqualTo("4.7.5");
        assertThat(mx.connections()).as("no cleartext fallback").isEqualTo(1);
        assertThat(mx.commands()).noneMatch(command -> command.startsWith("MAIL"));
    }

    @Test
    void requiredVerificationDeliversToATrustedCertificateForTheMxHost() throws Exception {
        mx = ScriptedMx.start(new MxScript().startTls(), certificates.server());
        delivery = new SmtpDelivery(settings(TlsPolicy.REQUIRED_VERIFIED), certificates.trustingClient());

        TransactionResult result = delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(), envelope("a@dest.test"));

        assertThat(completed(result).tls()).isTrue();
        assertThat(mx.transactions()).singleElement().satisfies(t -> assertThat(t.tls()).isTrue());
    }

    @Test
    void requiredVerificationRefusesATrustedCertificateForAnotherHost() throws Exception {
        mx = ScriptedMx.start(new MxScript().startTls(), certificates.server());
        delivery = new SmtpDelivery(settings(TlsPolicy.REQUIRED_VERIFIED), certificates.trustingClient());

        TransactionResult.ConnectionFailed result = failed(delivery.deliver(EGRESS_1, HELO, "mx.elsewhere.test",
                mx.address(), envelope("a@dest.test")));

        assertThat(result.kind()).isEqualTo(FailureKind.TLS_FAILED);
        assertThat(mx.transactions()).isEmpty();
    }

    @Test
    void requiredTlsFailsWhenStartTlsIsNotOffered() throws Exception {
        mx = ScriptedMx.start(new MxScript());
        delivery = new SmtpDelivery(settings(TlsPolicy.REQUIRED_VERIFIED));

        TransactionResult.ConnectionFailed result = failed(delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(),
                envelope("a@dest.test")));

        assertThat(result.kind()).isEqualTo(FailureKind.TLS_FAILED);
        assertThat(result.reply().enhancedCode()).isEqualTo("4.7.4");
        assertThat(result.reply().text()).contains("does not offer STARTTLS");
        assertThat(mx.commands()).noneMatch(command -> command.startsWith("MAIL"));
        ScriptedMx.await(() -> mx.quits() == 1, PATIENCE, "QUIT");
    }

    @Test
    void disabledTlsNeverStartsTls() throws Exception {
        mx = ScriptedMx.start(new MxScript().startTls(), certificates.server());
        delivery = new SmtpDelivery(settings(TlsPolicy.DISABLED));

        TransactionResult result = delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(), envelope("a@dest.test"));

        assertThat(completed(result).tls()).isFalse();
        assertThat(mx.commands()).doesNotContain("STARTTLS");
    }
}
