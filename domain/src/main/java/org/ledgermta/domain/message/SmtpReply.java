package org.ledgermta.domain.message;

import java.util.regex.Pattern;

/**
 * A reply as the receiving server sent it, kept verbatim for the ledger. The enhanced code is empty when
 * the server sent none.
 */
public record SmtpReply(int code, String enhancedCode, String text) {

    // RFC 3463 §2: class.subject.detail, class one of 2, 4, 5, subject and detail of one to three digits.
    private static final Pattern ENHANCED_CODE = Pattern.compile("[245]\\.[0-9]{1,3}\\.[0-9]{1,3}");

    /*
     * A mismatch between the reply code's class and the enhanced code's class (RFC 2034 §4 forbids it) is
     * still accepted: servers do send "550 4.7.1 …", and this record must hold what they said.
     */
    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("SMTP reply code " + code
                    + " is not valid: expected a completion or failure code from 200 to 599.");
        }
        enhancedCode = enhancedCode == null ? "" : enhancedCode;
        if (!enhancedCode.isEmpty() && !ENHANCED_CODE.matcher(enhancedCode).matches()) {
            throw new IllegalArgumentException("Enhanced status code '" + enhancedCode
                    + "' is not valid: expected class.subject.detail such as 4.7.28 (RFC 3463), or none.");
        }
        text = text == null ? "" : text;
    }

    // The helpers avoid is-prefixed names: Jackson would serialise those as extra properties.

    public boolean positive() {
        return code / 100 == 2;
    }

    public boolean transientFailure() {
        return code / 100 == 4;
    }

    public boolean permanentFailure() {
        return code / 100 == 5;
    }

    @Override
    public String toString() {
        StringBuilder rendered = new StringBuilder().append(code);
        if (!enhancedCode.isEmpty()) {
            rendered.append(' ').append(enhancedCode);
        }
        if (!text.isEmpty()) {
            rendered.append(' ').append(text);
        }
        return rendered.toString();
    }
}
