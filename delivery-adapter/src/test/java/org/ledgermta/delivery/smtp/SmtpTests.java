package org.ledgermta.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.ledgermta.domain.message.SmtpReply;

/** Shared fixtures of the SMTP client tests: loopback egress IPs, short timeouts, small envelopes. */
final class SmtpTests {

    static final InetAddress EGRESS_1 = loopback(11);
    static final InetAddress EGRESS_2 = loopback(12);
    static final String HELO = "mta1.test";
    static final String MX_HOST = "mx.test";
    static final String SENDER = "sender@origin.test";
    static final byte[] MESSAGE = "Subject: test\r\n\r\nHello\r\n".getBytes(StandardCharsets.US_ASCII);
    static final Duration PATIENCE = Duration.ofSeconds(5);

    private SmtpTests() {
    }

    static SmtpClientSettings settings(TlsPolicy tls) {
        return new SmtpClientSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2), tls, 100, Duration.ofSeconds(30));
    }

    static SmtpClientSettings settings() {
        return settings(TlsPolicy.OPPORTUNISTIC);
    }

    static SmtpClientSettings withReuse(int maxMessages, Duration maxIdle) {
        SmtpClientSettings s = settings();
        return new SmtpClientSettings(s.connectTimeout(), s.greetingTimeout(), s.commandTimeout(),
                s.dataInitiationTimeout(), s.dataBlockTimeout(), s.dataTerminationTimeout(), s.tls(), maxMessages,
                maxIdle);
    }

    static OutboundEnvelope envelope(String... recipients) {
        return new OutboundEnvelope(SENDER, List.of(recipients), MESSAGE);
    }

    static TransactionResult.Completed completed(TransactionResult result) {
        assertThat(result).isInstanceOf(TransactionResult.Completed.class);
        return (TransactionResult.Completed) result;
    }

    static TransactionResult.ConnectionFailed failed(TransactionResult result) {
        assertThat(result).isInstanceOf(TransactionResult.ConnectionFailed.class);
        return (TransactionResult.ConnectionFailed) result;
    }

    static SmtpReply replyFor(TransactionResult result, String recipient) {
        return completed(result).recipients().stream().filter(r -> r.recipient().equals(recipient))
                .findFirst().orElseThrow().reply();
    }

    private static InetAddress loopback(int last) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) last});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
