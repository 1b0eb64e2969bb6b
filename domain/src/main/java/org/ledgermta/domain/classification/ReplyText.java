package org.ledgermta.domain.classification;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ledgermta.domain.message.SmtpReply;

/** Puts a reply's text in the one form the rules are written against, and reads the rule table's samples. */
final class ReplyText {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern SAMPLE = Pattern.compile("([0-9]{3})(?:[ -]+([245]\\.[0-9]{1,3}\\.[0-9]{1,3})(?=\\s|$))?\\s*(.*)");

    private ReplyText() {
    }

    /*
     * RFC 5321 §4.2.1 repeats the code on every line of a multi-line reply, and RFC 2034 §3 the enhanced code
     * too. If the SMTP client kept those prefixes when it joined the lines, Gmail's "unusual rate of
     * 421-4.7.28 unsolicited mail" would slip past a rule for "unusual rate of unsolicited mail"; so they go,
     * and every run of white space (including the line breaks) becomes one space.
     */
    static String normalised(SmtpReply reply) {
        String text = reply.text();
        String code = Integer.toString(reply.code());
        if (text.contains(code)) {
            String prefix = reply.enhancedCode().isEmpty()
                    ? Pattern.quote(code) + "-"
                    : Pattern.quote(code) + "[ -]" + Pattern.quote(reply.enhancedCode()) + "(?=\\s|$)";
            text = text.replaceAll("(?:^|(?<=\\s))" + prefix, " ");
        }
        return WHITESPACE.matcher(text).replaceAll(" ").strip();
    }

    /** A sample as written in the table: "550 5.1.1 text", the enhanced code optional. */
    static SmtpReply sample(String written) {
        Matcher matcher = SAMPLE.matcher(written.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + written + "' is not a reply: expected 'code [enhanced-code] text'"
                    + " such as '550 5.1.1 User unknown'");
        }
        return new SmtpReply(Integer.parseInt(matcher.group(1)), matcher.group(2), matcher.group(3));
    }
}
