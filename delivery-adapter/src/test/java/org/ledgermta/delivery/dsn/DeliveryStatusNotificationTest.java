package org.ledgermta.delivery.dsn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Header;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.junit.jupiter.api.Test;

class DeliveryStatusNotificationTest {

    private static final String QUEUE_ID = "Q0000001-test";
    private static final Instant ARRIVED = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant ATTEMPTED = Instant.parse("2026-03-02T10:00:02Z");
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:05Z");
    private static final String PRIVATE_BODY_LINE = "Your account number is 4711-PRIVATE.";

    private static final RecipientStatus ALICE_UNKNOWN = new RecipientStatus("alice@example.org", "5.1.1",
            "550 5.1.1 The email account that you tried to reach does not exist", "mx1.example.org", ATTEMPTED);
    private static final RecipientStatus BOB_REJECTED = new RecipientStatus("bob@example.net", "5.7.1",
            "554 5.7.1 Message rejected as spam", "mx.example.net.", ATTEMPTED);

    private static byte[] original(String lineEnd) {
        return String.join(lineEnd,
                "Received: from shop.example ([192.0.2.7])",
                "\tby relay.example.net with ESMTP id " + QUEUE_ID + "; Mon, 2 Mar 2026 10:00:00 +0000",
                "From: Shop <news@shop.example>",
                "To: Alice <alice@example.org>, Bob <bob@example.net>",
                "Subject: Your March newsletter",
                "Message-ID: <abc@shop.example>",
                "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=us-ascii",
                "",
                "Dear customer,",
                "",
                PRIVATE_BODY_LINE,
                "").getBytes(StandardCharsets.UTF_8);
    }

    private static DsnRequest request(DsnKind kind, Instant now, List<RecipientStatus> recipients, byte[] original) {
        return new DsnRequest("relay.example.net", "<Q0000002-dsn@relay.example.net>", QUEUE_ID,
                "news@shop.example", ARRIVED, now, kind, recipients, original);
    }

    private static DsnRequest bounce(RecipientStatus... recipients) {
        return request(DsnKind.FAILED, NOW, List.of(recipients), original("\r\n"));
    }

    private static Message parse(byte[] notification) throws IOException {
        var builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.STRICT);
        builder.setDecodeMonitor(DecodeMonitor.STRICT);
        return builder.parseMessage(new ByteArrayInputStream(notification));
    }

    private static List<Entity> parts(Message message) {
        return ((Multipart) message.getBody()).getBodyParts();
    }

    private static String decoded(Entity part) throws IOException {
        try (InputStream in = ((SingleBody) part.getBody()).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The message/delivery-status body as groups of fields: the per-message group, then one per recipient. */
    private static List<Header> statusGroups(Message message) throws IOException {
        String report = decoded(parts(message).get(1));
        List<Header> groups = new ArrayList<>();
        for (String group : report.split("\r\n\r\n")) {
            groups.add(new DefaultMessageBuilder().parseHeader(
                    new ByteArrayInputStream((group.strip() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII))));
        }
        return groups;
    }

    private static String value(Header group, String name) {
        Field field = group.getField(name);
        return field == null ? null : field.getBody();
    }

    private static List<String> names(Header group) {
        return group.getFields().stream().map(Field::getName).toList();
    }

    @Test
    void bounceIsAMultipartReportOfExplanationStatusAndHeaders() throws IOException {
        Message dsn = parse(DeliveryStatusNotification.build(bounce(ALICE_UNKNOWN)));

        assertThat(dsn.getHeader().getField("From").getBody())
                .isEqualTo("Mail Delivery System <MAILER-DAEMON@relay.example.net>");
        assertThat(dsn.getHeader().getField("To").getBody()).isEqualTo("<news@shop.example>");
        assertThat(dsn.getSubject()).isEqualTo("Undelivered Mail Returned to Sender");
        assertThat(dsn.getMessageId()).isEqualTo("<Q0000002-dsn@relay.example.net>");
        assertThat(dsn.getDate()).isEqualTo(NOW);
        assertThat(dsn.getHeader().getField("Auto-Submitted").getBody()).isEqualTo("auto-replied");
        assertThat(dsn.getHeader().getField("MIME-Version").getBody()).isEqualTo("1.0");
        var contentType = (ContentTypeField) dsn.getHeader().getField("Content-Type");
        assertThat(contentType.getMimeType()).isEqualTo("multipart/report");
        assertThat(contentType.getParameter("report-type")).isEqualTo("delivery-status");
        assertThat(parts(dsn)).extracting(Entity::getMimeType)
                .containsExactly("text/plain", "message/delivery-status", "text/rfc822-headers");
        assertThat(parts(dsn).getFirst().getCharset()).isEqualTo("us-ascii");
    }

    @Test
    void deliveryStatusReportsTheMessageAndEachRecipient() throws IOException {
        Message dsn = parse(DeliveryStatusNotification.build(bounce(ALICE_UNKNOWN, BOB_REJECTED)));

        List<Header> groups = statusGroups(dsn);
        assertThat(groups).hasSize(3);
        Header perMessage = groups.get(0);
        assertThat(value(perMessage, "Reporting-MTA")).isEqualTo("dns; relay.example.net");
        assertThat(value(perMessage, "X-Ledgermta-Queue-ID")).isEqualTo(QUEUE_ID);
        assertThat(value(perMessage, "X-Ledgermta-Sender")).isEqualTo("rfc822; news@shop.example");
        assertThat(value(perMessage, "Arrival-Date")).isEqualTo("Mon, 2 Mar 2026 10:00:00 +0000");
        Header alice = groups.get(1);
        assertThat(value(alice, "Final-Recipient")).isEqualTo("rfc822; alice@example.org");
        assertThat(value(alice, "Action")).isEqualTo("failed");
        assertThat(value(alice, "Status")).isEqualTo("5.1.1");
        assertThat(value(alice, "Remote-MTA")).isEqualTo("dns; mx1.example.org");
        assertThat(value(alice, "Diagnostic-Code"))
                .isEqualTo("smtp; 550 5.1.1 The email account that you tried to reach does not exist");
        assertThat(value(alice, "Last-Attempt-Date")).isEqualTo("Mon, 2 Mar 2026 10:00:02 +0000");
        Header bob = groups.get(2);
        assertThat(value(bob, "Final-Recipient")).isEqualTo("rfc822; bob@example.net");
        assertThat(value(bob, "Status")).isEqualTo("5.7.1");
        // The MX name as DNS gave it, root dot and all, is written without the dot.
        assertThat(value(bob, "Remote-MTA")).isEqualTo("dns; mx.example.net");
        assertThat(value(bob, "Diagnostic-Code")).isEqualTo("smtp; 554 5.7.1 Message rejected as spam");
    }

    // Golden-ish: the field names and their order, which is what report parsers (and people) look for.
    @Test
    void fieldNamesFollowRfc3464InOrder() throws IOException {
        byte[] built = DeliveryStatusNotification.build(bounce(ALICE_UNKNOWN));
        Message dsn = parse(built);

        assertThat(names(dsn.getHeader())).containsExactly("From", "To", "Subject", "Date", "Message-ID",
                "Auto-Submitted", "MIME-Version", "Content-Type", "Content-Transfer-Encoding");
        List<Header> groups = statusGroups(dsn);
        assertThat(names(groups.get(0)))
                .containsExactly("Reporting-MTA", "X-Ledgermta-Queue-ID", "X-Ledgermta-Sender", "Arrival-Date");
        assertThat(names(groups.get(1))).containsExactly("Final-Recipient", "Action", "Status", "Remote-MTA",
                "Diagnostic-Code", "Last-Attempt-Date");
        assertThat(parts(dsn)).allSatisfy(part -> assertThat(names(part.getHeader()))
                .containsExactly("Content-Description", "Content-Type", "Content-Transfer-Encoding"));
        assertThat(new String(built, StandardCharsets.US_ASCII)).contains("""
                Reporting-MTA: dns; relay.example.net\r
                X-Ledgermta-Queue-ID: Q0000001-test\r
                X-Ledgermta-Sender: rfc822; news@shop.example\r
                Arrival-Date: Mon, 2 Mar 2026 10:00:00 +0000\r
                \r
                Final-Recipient: rfc822; alice@example.org\r
                Action: failed\r
                Status: 5.1.1\r
                Remote-MTA: dns; mx1.example.org\r
                Diagnostic-Code: smtp; 550 5.1.1 The email account that you tried to reach\r
                 does not exist\r
                Last-Attempt-Date: Mon, 2 Mar 2026 10:00:02 +0000\r
                """);
    }

    @Test
    void explanationNamesEachRecipientWithItsReasonAndSaysNothingIsRetried() throws IOException {
        String text = decoded(parts(parse(DeliveryStatusNotification.build(bounce(ALICE_UNKNOWN, BOB_REJECTED))))
                .getFirst());

        assertThat(text).startsWith("This is the mail delivery system at relay.example.net.\r\n")
                .contains("failed permanently. It will not be retried.")
                .contains("The message was queued as Q0000001-test on Mon, 2 Mar 2026 10:00:00 +0000.")
                .contains("<alice@example.org>: delivery failed permanently (5.1.1). Last attempt on Mon,"
                        + "\r\n    2 Mar 2026 10:00:02 +0000 to mx1.example.org.\r\n"
                        + "    Reason: 550 5.1.1 The email account that you tried to reach does not exist\r\n")
                .contains("<bob@example.net>: delivery failed permanently (5.7.1).")
                .contains("    Reason: 554 5.7.1 Message rejected as spam\r\n")
                .contains("The headers of your message are attached; its content is not.");
        assertThat(text.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
    }

    @Test
    void expiredMessageIsReportedWithItsAgeAndTransientStatus() throws IOException {
        Instant expiredAt = ARRIVED.plus(Duration.ofDays(5)).plusSeconds(30);
        var greylisted = new RecipientStatus("bob@example.net", "4.4.7", "451 4.7.1 Greylisted, try again later",
                "mx.example.net", expiredAt.minusSeconds(3600));
        byte[] built = DeliveryStatusNotification.build(
                request(DsnKind.EXPIRED, expiredAt, List.of(ALICE_UNKNOWN, greylisted), original("\r\n")));
        Message dsn = parse(built);

        assertThat(dsn.getSubject()).isEqualTo("Delivery Status Notification (Failure): message expired");
        List<Header> groups = statusGroups(dsn);
        assertThat(value(groups.get(1), "Status")).isEqualTo("5.1.1");
        assertThat(value(groups.get(2), "Final-Recipient")).isEqualTo("rfc822; bob@example.net");
        assertThat(value(groups.get(2), "Action")).isEqualTo("failed");
        assertThat(value(groups.get(2), "Status")).isEqualTo("4.4.7");
        assertThat(value(groups.get(2), "Diagnostic-Code")).isEqualTo("smtp; 451 4.7.1 Greylisted, try again later");
        assertThat(value(groups.get(2), "Last-Attempt-Date")).isEqualTo("Sat, 7 Mar 2026 09:00:30 +0000");
        String text = decoded(parts(dsn).getFirst());
        assertThat(text.replace("\r\n", " "))
                .contains("It waited in our queue for 5 days, the longest a message may wait")
                .contains("Delivery has stopped and will not be retried.")
                .contains("<bob@example.net>: still undelivered when the message expired (4.4.7).")
                .contains("Reason: 451 4.7.1 Greylisted, try again later");
    }

    @Test
    void recipientThatNoMailServerAnsweredHasNoRemoteMtaOrAttemptDate() throws IOException {
        var noDomain = new RecipientStatus("carol@no-such-domain.example", "5.1.2",
                "Host or domain name not found. Name service error for name=no-such-domain.example type=MX",
                null, null);
        Message dsn = parse(DeliveryStatusNotification.build(bounce(ALICE_UNKNOWN, noDomain)));

        Header carol = statusGroups(dsn).get(2);
        assertThat(names(carol)).containsExactly("Final-Recipient", "Action", "Status", "Diagnostic-Code");
        // Our own words are not an SMTP reply, so they carry an extension diagnostic type (RFC 3464 §2.3.6).
        assertThat(value(carol, "Diagnostic-Code")).isEqualTo("X-Ledgermta; Host or domain name not found. Name"
                + " service error for name=no-such-domain.example type=MX");
        assertThat(decoded(parts(dsn).getFirst()))
                .contains("<carol@no-such-domain.example>: delivery failed permanently (5.1.2). No mail"
                        + "\r\n    server was reached for it.");
    }

    @Test
    void recipientWithoutADiagnosticHasNoDiagnosticCode() throws IOException {
        var never = new RecipientStatus("bob@example.net", "4.4.7", null, null, null);
        Message dsn = parse(DeliveryStatusNotification.build(
                request(DsnKind.EXPIRED, ARRIVED.plus(Duration.ofHours(26)), List.of(never), original("\r\n"))));

        assertThat(names(statusGroups(dsn).get(1))).containsExactly("Final-Recipient", "Action", "Status");
        assertThat(decoded(parts(dsn).getFirst()).replace("\r\n", " "))
                .contains("It waited in our queue for 1 day and 2 hours")
                .doesNotContain("Reason:");
    }

    @Test
    void onlyTheOriginalHeaderSectionIsReturnedNeverTheBody() throws IOException {
        byte[] built = DeliveryStatusNotification.build(bounce(ALICE_UNKNOWN));

        assertThat(new String(built, StandardCharsets.UTF_8)).doesNotContain("4711-PRIVATE").doesNotContain(
                "Dear customer");
        String headers = decoded(parts(parse(built)).get(2));
        byte[] original = original("\r\n");
        String originalText = new String(original, StandardCharsets.UTF_8);
        assertThat(headers).isEqualTo(originalText.substring(0, originalText.indexOf("\r\n\r\n") + 2));
    }

    @Test
    void originalWithBareLineFeedsIsReturnedWithCrlf() throws IOException {
        byte[] built = DeliveryStatusNotification.build(
                request(DsnKind.FAILED, NOW, List.of(ALICE_UNKNOWN), original("\n")));

        String headers = decoded(parts(parse(built)).get(2));
        assertThat(headers).startsWith("Received: from shop.example ([192.0.2.7])\r\n\tby relay.example.net")
                .endsWith("Content-Type: text/plain; charset=us-ascii\r\n")
                .doesNotContain("4711-PRIVATE");
    }

    @Test
    void noOriginalMeansNoHeadersPart() throws IOException {
        Message dsn = parse(DeliveryStatusNotification.build(
                request(DsnKind.FAILED, NOW, List.of(ALICE_UNKNOWN), new byte[0])));

        assertThat(parts(dsn)).extracting(Entity::getMimeType)
                .containsExactly("text/plain", "message/delivery-status");
    }

    @Test
    void replyWithLineBreaksCannotAddFields() throws IOException {
        var injected = new RecipientStatus("alice@example.org", "5.1.1",
                "550 5.1.1 unknown\r\nBcc: victim@example.com\r\n\r\nX-Injected: yes\nSubject: pwned", "mx1.example.org",
                ATTEMPTED);
        byte[] built = DeliveryStatusNotification.build(bounce(injected));

        Message dsn = parse(built);
        List<Header> groups = statusGroups(dsn);
        assertThat(groups).hasSize(2);
        assertThat(names(groups.get(1))).doesNotContain("Bcc", "X-Injected", "Subject");
        assertThat(value(groups.get(1), "Diagnostic-Code"))
                .isEqualTo("smtp; 550 5.1.1 unknown Bcc: victim@example.com X-Injected: yes Subject: pwned");
        assertThat(dsn.getSubject()).isEqualTo("Undelivered Mail Returned to Sender");
        assertThat(Pattern.compile("^(Bcc|X-Injected|Subject: pwned)", Pattern.MULTILINE)
                .matcher(new String(built, StandardCharsets.UTF_8)).find()).isFalse();
    }

    @Test
    void everyLineEndsInCrlfAndFitsTheLineLimit() {
        var multiline = new RecipientStatus("alice@example.org", "5.1.1",
                "550-5.1.1 The email account that you tried to reach does not exist. Please try\r\n"
                        + "550-5.1.1 double-checking the recipient's email address for typos or\r\n"
                        + "550 5.1.1 unnecessary spaces. https://support.google.com/mail/?p=NoSuchUser "
                        + "x".repeat(2000), "mx1.example.org", ATTEMPTED);
        byte[] built = DeliveryStatusNotification.build(bounce(multiline));

        String text = new String(built, StandardCharsets.UTF_8);
        assertThat(text).endsWith("--\r\n");
        assertThat(text.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
        assertThat(text.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(998));
    }

    @Test
    void internationalisedAddressesAreWrittenAsRfc6533Utf8() throws IOException {
        var jorg = new RecipientStatus("jörg+news@example.de", "5.1.1", "550 5.1.1 Unbekannter Empfänger",
                "mx.example.de", ATTEMPTED);
        byte[] built = DeliveryStatusNotification.build(bounce(jorg));

        Message dsn = parse(built);
        Header recipient = statusGroups(dsn).get(1);
        assertThat(value(recipient, "Final-Recipient")).isEqualTo("utf-8; j\\x{F6}rg\\x{2B}news@example.de");
        // message/delivery-status stays 7-bit (RFC 3464 §2.1.1); the explanation keeps the reply as sent.
        assertThat(value(recipient, "Diagnostic-Code")).isEqualTo("smtp; 550 5.1.1 Unbekannter Empf?nger");
        Entity explanation = parts(dsn).getFirst();
        assertThat(explanation.getCharset()).isEqualTo("utf-8");
        assertThat(explanation.getContentTransferEncoding()).isEqualTo("quoted-printable");
        assertThat(decoded(explanation)).contains("<jörg+news@example.de>: delivery failed permanently")
                .contains("Reason: 550 5.1.1 Unbekannter Empfänger");
        assertThat(MimeTextBytes.ascii(built)).isTrue();
    }

    @Test
    void originalHeaderContainingTheBoundaryMovesTheBoundary() throws IOException {
        byte[] original = ("X-Trap: --=_ledgermta-dsn_" + QUEUE_ID + "\r\nSubject: hi\r\n\r\nbody\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        Message dsn = parse(DeliveryStatusNotification.build(
                request(DsnKind.FAILED, NOW, List.of(ALICE_UNKNOWN), original)));

        assertThat(((ContentTypeField) dsn.getHeader().getField("Content-Type")).getBoundary())
                .isEqualTo("=_ledgermta-dsn_" + QUEUE_ID + "_1");
        assertThat(parts(dsn)).hasSize(3);
        assertThat(decoded(parts(dsn).get(2))).startsWith("X-Trap: --=_ledgermta-dsn_" + QUEUE_ID + "\r\n");
    }

    @Test
    void eightBitOriginalHeadersAreDeclared() throws IOException {
        byte[] original = "Subject: Grüße\r\n\r\nbody\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] built = DeliveryStatusNotification.build(request(DsnKind.FAILED, NOW, List.of(ALICE_UNKNOWN), original));

        Message dsn = parse(built);
        assertThat(dsn.getHeader().getField("Content-Transfer-Encoding").getBody()).isEqualTo("8bit");
        assertThat(parts(dsn).get(2).getContentTransferEncoding()).isEqualTo("8bit");
        assertThat(decoded(parts(dsn).get(2))).isEqualTo("Subject: Grüße\r\n");
    }

    @Test
    void sameRequestBuildsTheSameBytes() {
        assertThat(Arrays.equals(DeliveryStatusNotification.build(bounce(ALICE_UNKNOWN)),
                DeliveryStatusNotification.build(bounce(ALICE_UNKNOWN)))).isTrue();
    }

    /** A check on raw bytes that does not reuse the code under test. */
    private static final class MimeTextBytes {
        static boolean ascii(byte[] bytes) {
            for (byte b : bytes) {
                if (b < 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
