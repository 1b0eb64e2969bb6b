package org.ledgermta.delivery.dsn;

import static org.ledgermta.delivery.dsn.MimeText.CRLF;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A delivery status notification (RFC 3464) in a multipart/report (RFC 6522): a text/plain explanation for
 * the sender, the message/delivery-status report for software, and the failed message's header section as
 * text/rfc822-headers. The body of the failed message is never returned: it may be large, and the sender
 * has it already.
 *
 * <p>The result is a complete RFC 5322 message with CRLF line ends. It must be sent with the null
 * reverse-path {@code MAIL FROM:<>} (RFC 3464 §2, RFC 5321 §4.5.5) so that its own failure produces no
 * further notification. When the sender's address is internationalised, the To field holds UTF-8 (RFC 6532)
 * and the notification needs SMTPUTF8 to travel.
 */
public final class DeliveryStatusNotification {

    private static final String SUBJECT_FAILED = "Undelivered Mail Returned to Sender";
    private static final String SUBJECT_EXPIRED = "Delivery Status Notification (Failure): message expired";
    // A reply as an SMTP server sends it: three digits, then a space, a hyphen (multi-line) or nothing.
    private static final Pattern SMTP_REPLY = Pattern.compile("[245][0-9]{2}(?:[ -].*)?");

    private DeliveryStatusNotification() {
    }

    public static byte[] build(DsnRequest request) {
        Part explanation = explanation(request);
        Part report = new Part("Delivery report", "message/delivery-status", "7bit",
                deliveryStatus(request).getBytes(StandardCharsets.US_ASCII));
        List<Part> parts = new ArrayList<>(List.of(explanation, report));
        byte[] headers = MimeText.headerSection(request.originalMessage());
        if (headers.length > 0) {
            parts.add(new Part("Undelivered Message Headers", "text/rfc822-headers",
                    MimeText.ascii(headers) ? "7bit" : "8bit", headers));
        }
        String boundary = boundary(request.originalQueueId(), parts);
        // The body's encoding only: a UTF-8 To field needs SMTPUTF8 (RFC 6531), not 8BITMIME.
        boolean eightBit = parts.stream().anyMatch(part -> part.transferEncoding().equals("8bit"));

        var out = new ByteArrayOutputStream();
        write(out, "From: Mail Delivery System <MAILER-DAEMON@" + request.reportingMta() + ">" + CRLF);
        write(out, "To: <" + request.originalEnvelopeFrom() + ">" + CRLF);
        write(out, "Subject: " + (request.kind() == DsnKind.EXPIRED ? SUBJECT_EXPIRED : SUBJECT_FAILED) + CRLF);
        write(out, "Date: " + MimeText.date(request.now()) + CRLF);
        write(out, "Message-ID: " + request.dsnMessageId() + CRLF);
        // RFC 3834 §5: an automatic reply, so that vacation responders and list software leave it alone.
        write(out, "Auto-Submitted: auto-replied" + CRLF);
        write(out, "MIME-Version: 1.0" + CRLF);
        write(out, "Content-Type: multipart/report; report-type=delivery-status;" + CRLF
                + "\tboundary=\"" + boundary + "\"" + CRLF);
        write(out, "Content-Transfer-Encoding: " + (eightBit ? "8bit" : "7bit") + CRLF);
        write(out, CRLF + "This is a MIME-encapsulated message." + CRLF);
        for (Part part : parts) {
            // RFC 2046 §5.1.1: the CRLF before a delimiter belongs to the delimiter, not to the part.
            write(out, CRLF + "--" + boundary + CRLF);
            write(out, "Content-Description: " + part.description() + CRLF);
            write(out, "Content-Type: " + part.contentType() + CRLF);
            write(out, "Content-Transfer-Encoding: " + part.transferEncoding() + CRLF + CRLF);
            out.writeBytes(part.content());
        }
        write(out, CRLF + "--" + boundary + "--" + CRLF);
        return out.toByteArray();
    }

    private record Part(String description, String contentType, String transferEncoding, byte[] content) {
    }

    private static Part explanation(DsnRequest request) {
        String text = explanationText(request);
        if (MimeText.ascii(text)) {
            return new Part("Notification", "text/plain; charset=us-ascii", "7bit",
                    text.getBytes(StandardCharsets.US_ASCII));
        }
        return new Part("Notification", "text/plain; charset=utf-8", "quoted-printable",
                MimeText.quotedPrintable(text).getBytes(StandardCharsets.US_ASCII));
    }

    private static String explanationText(DsnRequest request) {
        List<String> lines = new ArrayList<>();
        lines.add("This is the mail delivery system at " + request.reportingMta() + ".");
        lines.add("");
        String arrival = MimeText.date(request.arrivalDate());
        String what = switch (request.kind()) {
            case FAILED -> "Your message could not be delivered to the recipients listed below: delivery to"
                    + " them failed permanently. It will not be retried.";
            case EXPIRED -> "Your message could not be delivered to the recipients listed below. It waited in"
                    + " our queue for " + age(Duration.between(request.arrivalDate(), request.now()))
                    + ", the longest a message may wait, and every attempt to deliver it failed. Delivery has"
                    + " stopped and will not be retried.";
        };
        lines.addAll(MimeText.wrap(what, "", ""));
        lines.add("");
        lines.addAll(MimeText.wrap("The message was queued as " + request.originalQueueId() + " on " + arrival
                + ". If it still matters, check each address and reason below before you send it again.", "", ""));
        lines.add("");
        for (RecipientStatus recipient : request.recipients()) {
            lines.addAll(MimeText.wrap("<" + recipient.recipient() + ">: " + recipientSentence(recipient), "",
                    "    "));
            if (recipient.diagnostic() != null && !MimeText.plainText(recipient.diagnostic()).isEmpty()) {
                lines.addAll(MimeText.wrap("Reason: " + MimeText.plainText(recipient.diagnostic()), "    ",
                        "    "));
            }
            lines.add("");
        }
        lines.addAll(MimeText.wrap("The headers of your message are attached; its content is not.", "", ""));
        return String.join(CRLF, lines) + CRLF;
    }

    private static String recipientSentence(RecipientStatus recipient) {
        StringBuilder sentence = new StringBuilder(recipient.status().startsWith("5")
                ? "delivery failed permanently (" + recipient.status() + ")."
                : "still undelivered when the message expired (" + recipient.status() + ").");
        if (recipient.lastAttempt() == null && recipient.remoteMta() == null) {
            sentence.append(" No mail server was reached for it.");
        } else {
            sentence.append(" Last attempt");
            if (recipient.lastAttempt() != null) {
                sentence.append(" on ").append(MimeText.date(recipient.lastAttempt()));
            }
            if (recipient.remoteMta() != null) {
                sentence.append(" to ").append(recipient.remoteMta());
            }
            sentence.append('.');
        }
        return sentence.toString();
    }

    private static String age(Duration age) {
        long days = age.toDays();
        long hours = age.toHoursPart();
        if (days > 0) {
            return plural(days, "day") + (hours > 0 ? " and " + plural(hours, "hour") : "");
        }
        if (hours > 0) {
            return plural(hours, "hour");
        }
        return plural(Math.max(age.toMinutesPart(), 0), "minute");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }

    /** RFC 3464 §2.2 per-message fields, then §2.3 per-recipient fields, each group after an empty line. */
    private static String deliveryStatus(DsnRequest request) {
        StringBuilder report = new StringBuilder();
        report.append(MimeText.field("Reporting-MTA", "dns; " + request.reportingMta()));
        report.append(MimeText.field("X-Ledgermta-Queue-ID", request.originalQueueId()));
        report.append(MimeText.field("X-Ledgermta-Sender", address(request.originalEnvelopeFrom())));
        report.append(MimeText.field("Arrival-Date", MimeText.date(request.arrivalDate())));
        for (RecipientStatus recipient : request.recipients()) {
            report.append(CRLF);
            report.append(MimeText.field("Final-Recipient", address(recipient.recipient())));
            report.append(MimeText.field("Action", "failed"));
            report.append(MimeText.field("Status", recipient.status()));
            if (recipient.remoteMta() != null) {
                report.append(MimeText.field("Remote-MTA", "dns; " + recipient.remoteMta()));
            }
            String diagnostic = recipient.diagnostic() == null ? "" : MimeText.fieldText(recipient.diagnostic());
            if (!diagnostic.isEmpty()) {
                // RFC 3464 §2.3.6: "smtp" only for what an SMTP server replied; our own words are an X- type.
                String type = SMTP_REPLY.matcher(diagnostic).matches() ? "smtp" : "X-Ledgermta";
                report.append(MimeText.field("Diagnostic-Code", type + "; " + diagnostic));
            }
            if (recipient.lastAttempt() != null) {
                report.append(MimeText.field("Last-Attempt-Date", MimeText.date(recipient.lastAttempt())));
            }
        }
        return report.toString();
    }

    // RFC 3464 §2.1.2 address-type: rfc822 for ASCII addresses, RFC 6533's utf-8 for internationalised ones.
    private static String address(String address) {
        return MimeText.ascii(address) ? "rfc822; " + address : "utf-8; " + MimeText.utf8AddressXtext(address);
    }

    /*
     * Derived from the queue id rather than random, so the same request builds the same bytes. "=_" cannot
     * occur in quoted-printable text, and the loop steps past the rare original header that contains it.
     */
    private static String boundary(String queueId, List<Part> parts) {
        for (int n = 0; ; n++) {
            String boundary = "=_ledgermta-dsn_" + queueId + (n == 0 ? "" : "_" + n);
            byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
            if (parts.stream().noneMatch(part -> MimeText.contains(part.content(), delimiter))) {
                return boundary;
            }
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
