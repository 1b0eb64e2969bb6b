package org.ledgermta.api.intake;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ledgermta.domain.message.MessageAcceptedEvent;

/** A mainstream SMTP client library (Jakarta Mail / Angus), as a PHP or Java web app would use. */
class JakartaMailClientSubmitsTest {

    @RegisterExtension
    static final IntakeFixture service = IntakeFixture.withProperties();

    @Test
    void jakartaMailFromAnAllowListedHostIsQueued() throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(service.smtpPort()));
        properties.put("mail.smtp.localaddress", IntakeFixture.ALLOWED_CLIENT);
        properties.put("mail.smtp.localhost", "web11.hosting.example");
        properties.put("mail.smtp.starttls.enable", "true");
        // the embedded default's certificate is self-signed, as relaying hosts usually do not verify it
        properties.put("mail.smtp.ssl.trust", "*");
        properties.put("mail.smtp.ssl.checkserveridentity", "false");
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("shop@shop.example", "Shop"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("grace@receiver.example"));
        message.setSubject("Ihre Bestellung – Größe M");
        message.setText("Grüße aus dem Shop", "UTF-8");

        String lastReply;
        try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, message.getAllRecipients());
            lastReply = transport.getLastServerResponse();
        }

        assertThat(lastReply).startsWith("250 2.0.0 Ok: queued as ");
        assertThat(service.events(MessageAcceptedEvent.class)).singleElement().satisfies(accepted -> {
            assertThat(accepted.headerFrom()).isEqualTo("Shop <shop@shop.example>");
            assertThat(accepted.headerMessageId()).isNotBlank();
        });
    }
}
