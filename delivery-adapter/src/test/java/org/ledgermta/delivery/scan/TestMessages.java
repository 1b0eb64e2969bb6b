package org.ledgermta.delivery.scan;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Messages for the scanner tests. The EICAR and GTUBE test strings are joined from halves at run time, so
 * that no source or class file is itself detected by a scanner (a constant "a" + "b" would be folded into
 * the class file by javac).
 */
final class TestMessages {

    /** TEST-NET-1 (RFC 5737): not a local address, so rspamd runs its checks for a remote client. */
    static final String CLIENT_IP = "192.0.2.10";
    static final String SENDER = "alice@example.com";
    static final String RECIPIENT = "bob@example.org";

    private TestMessages() {
    }

    static String eicar() {
        return String.join("", "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR", "-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*");
    }

    static String gtube() {
        return String.join("", "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD", "-ANTI-UBE-TEST-EMAIL*C.34X");
    }

    static byte[] clean() {
        return message("Lunch on Friday", "text/plain; charset=utf-8",
                "Hi Bob,\r\n\r\nshall we meet for lunch on Friday at noon, at the usual place?\r\n\r\nAlice\r\n");
    }

    static byte[] gtubeSpam() {
        return message("Test message", "text/plain; charset=us-ascii",
                "This is the GTUBE test pattern:\r\n\r\n" + gtube() + "\r\n");
    }

    /** A friendly note with the EICAR test file attached, base64-encoded as mail clients send it. */
    static byte[] eicarAttached() {
        String attachment = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(eicar().getBytes(StandardCharsets.US_ASCII));
        return message("The report", "multipart/mixed; boundary=\"b1\"", """
                This is a multi-part message in MIME format.\r
                --b1\r
                Content-Type: text/plain; charset=utf-8\r
                \r
                Here is the report you asked for.\r
                --b1\r
                Content-Type: application/octet-stream; name="report.com"\r
                Content-Disposition: attachment; filename="report.com"\r
                Content-Transfer-Encoding: base64\r
                \r
                %s\r
                --b1--\r
                """.formatted(attachment));
    }

    static ScanRequest request(byte[] message) {
        return new ScanRequest(message, CLIENT_IP, "mail.example.com", SENDER, List.of(RECIPIENT), null,
                "4ZkT2v0Qp1");
    }

    private static byte[] message(String subject, String contentType, String body) {
        return ("""
                Received: from mail.example.com ([192.0.2.10])\r
                \tby relay.example.net with ESMTP id 4ZkT2v0Qp1; Sat, 28 Nov 2026 10:00:00 +0000\r
                From: Alice <alice@example.com>\r
                To: Bob <bob@example.org>\r
                Subject: %s\r
                Date: Sat, 28 Nov 2026 10:00:00 +0000\r
                Message-ID: <4ZkT2v0Qp1@example.com>\r
                MIME-Version: 1.0\r
                Content-Type: %s\r
                \r
                """.formatted(subject, contentType) + body).getBytes(StandardCharsets.UTF_8);
    }
}
