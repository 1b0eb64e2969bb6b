package org.ledgermta.delivery.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ledgermta.domain.message.SmtpReply;

/**
 * Reply lines (RFC 5321 §4.2: {@code Reply-code [ SP / "-" textstring ] CRLF}) into replies, and replies
 * into {@link SmtpReply}: the lines joined with spaces, the RFC 3463 enhanced code taken from the first line
 * and stripped from the continuation lines that repeat it, as RFC 2034 §4 has them do:
 * <pre>
 * 421-4.7.28 [192.0.2.1      15] Our system has detected an unusual rate of
 * 421-4.7.28 unsolicited mail originating from your IP address. To protect our
 * 421 4.7.28 users from spam, mail sent from your IP address has been temporarily
 * </pre>
 */
final class ReplyParser {

    private static final Pattern LINE = Pattern.compile("([0-9]{3})(?:([ -])(.*))?", Pattern.DOTALL);
    private static final Pattern ENHANCED_CODE = Pattern.compile("([245]\\.[0-9]{1,3}\\.[0-9]{1,3})(?: +(.*)|)",
            Pattern.DOTALL);

    private ReplyParser() {
    }

    /** One line without its CRLF; {@code last} is false for the {@code 250-} lines of a multi-line reply. */
    record Line(int code, boolean last, String text) {
    }

    /** The line was not an SMTP reply line; the message quotes it. */
    static final class MalformedReply extends Exception {
        MalformedReply(String message) {
            super(message, null, false, false);
        }
    }

    static Line parseLine(String line) throws MalformedReply {
        Matcher matcher = LINE.matcher(line);
        if (!matcher.matches()) {
            throw new MalformedReply("a line that is not an SMTP reply: '" + excerpt(line) + "'");
        }
        int code = Integer.parseInt(matcher.group(1));
        // RFC 5321 §4.2.1: the first digit is 2 to 5; a 1yz or 6yz has no meaning in SMTP.
        if (code < 200 || code > 599) {
            throw new MalformedReply("reply code " + code + ", which SMTP does not define: '" + excerpt(line) + "'");
        }
        boolean last = !"-".equals(matcher.group(2));
        String text = matcher.group(3) == null ? "" : matcher.group(3);
        return new Line(code, last, text);
    }

    /** Checks that a continuation line carries the code of the reply's first line (RFC 5321 §4.2.1). */
    static void requireSameCode(int first, Line line) throws MalformedReply {
        if (line.code() != first) {
            throw new MalformedReply("a multi-line reply whose lines carry different codes, " + first + " and "
                    + line.code());
        }
    }

    static SmtpReply toSmtpReply(int code, List<String> lines) {
        String enhancedCode = "";
        List<String> texts = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            Matcher matcher = ENHANCED_CODE.matcher(text);
            if (matcher.matches() && (i == 0 || matcher.group(1).equals(enhancedCode))) {
                if (i == 0) {
                    enhancedCode = matcher.group(1);
                }
                text = matcher.group(2) == null ? "" : matcher.group(2).strip();
            }
            if (!text.isEmpty()) {
                texts.add(text);
            }
        }
        return new SmtpReply(code, enhancedCode, String.join(" ", texts));
    }

    private static String excerpt(String line) {
        String printable = line.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 120 ? printable.substring(0, 120) + "…" : printable;
    }
}
