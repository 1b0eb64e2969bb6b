package org.ledgermta.api.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ledgermta.domain.message.MessageAcceptedEvent;

/** swaks (Debian's package; bin/test installs it) is the tool operators test relays with. */
class SwaksSubmitsTest {

    @RegisterExtension
    static final IntakeFixture service = IntakeFixture.withProperties();

    @Test
    void swaksWithStartTlsAndAuthLoginIsQueued() throws Exception {
        Process swaks = new ProcessBuilder("swaks", "--server", "127.0.0.1", "--port", String.valueOf(service.smtpPort()),
                "--local-interface", IntakeFixture.STRANGER, "--ehlo", "swaks.example",
                "--from", "tester@shop.example", "--to", "frank@receiver.example",
                "--tls", "--auth", "LOGIN", "--auth-user", service.account, "--auth-password", IntakeFixture.PASSWORD,
                "--header", "Subject: swaks test").redirectErrorStream(true).start();
        String transcript = new String(swaks.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(swaks.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(swaks.exitValue()).as(transcript).isZero();
        assertThat(transcript).contains("<~  250 2.0.0 Ok: queued as");
        assertThat(service.events(MessageAcceptedEvent.class)).singleElement()
                .satisfies(accepted -> assertThat(accepted.clientIp()).isEqualTo(IntakeFixture.STRANGER));
    }
}
