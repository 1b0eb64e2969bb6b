package org.ledgermta.api.smtp;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 2034 §3: once ENHANCEDSTATUSCODES is advertised, every reply except the greeting and the reply to
 * EHLO/HELO carries an enhanced status code. SubEthaSMTP's own replies ("250 Ok", "503 Error: need RCPT
 * command") carry none; this adds the code RFC 3463 gives the reply's meaning.
 */
final class EnhancedStatusCodes {

    private static final Pattern REPLY_LINE = Pattern.compile("^([2-5]\\d\\d)([ -])(.*)$", Pattern.DOTALL);
    private static final Pattern HAS_CODE = Pattern.compile("^[245]\\.\\d{1,3}\\.\\d{1,3}( |$).*", Pattern.DOTALL);

    private EnhancedStatusCodes() {
    }

    /** {@code response} is one reply as the server writes it: lines joined by CRLF, without the final CRLF. */
    static String addTo(String response, String hostname) {
        String[] lines = response.split("\r\n", -1);
        Matcher first = REPLY_LINE.matcher(lines[0]);
        if (!first.matches() || exempt(Integer.parseInt(first.group(1)), first.group(3), hostname)) {
            return response;
        }
        StringBuilder out = new StringBuilder(response.length() + 8 * lines.length);
        for (int i = 0; i < lines.length; i++) {
            Matcher line = REPLY_LINE.matcher(lines[i]);
            if (i > 0) {
                out.append("\r\n");
            }
            if (!line.matches() || HAS_CODE.matcher(line.group(3)).matches()) {
                out.append(lines[i]);
                continue;
            }
            int code = Integer.parseInt(line.group(1));
            out.append(line.group(1)).append(line.group(2)).append(codeFor(code)).append(' ').append(line.group(3));
        }
        return out.toString();
    }

    private static boolean exempt(int code, String text, String hostname) {
        // the greeting, EHLO/HELO (they begin with our name), DATA's go-ahead and AUTH challenges
        return code == 220 || code == 354 || code == 334 || text.equals(hostname) || text.startsWith(hostname + " ")
                || text.equals(hostname + "\r\n");
    }

    /** RFC 3463 §3 codes for the replies SubEthaSMTP writes by itself. */
    static String codeFor(int code) {
        return switch (code) {
            case 221, 250, 251, 252 -> "2.0.0";
            case 235 -> "2.7.0";
            case 421 -> "4.3.0";
            case 451 -> "4.3.0";
            case 452 -> "4.5.3";
            case 454 -> "4.7.0";
            case 500 -> "5.5.2";
            case 501, 504 -> "5.5.4";
            case 502, 503 -> "5.5.1";
            case 530 -> "5.7.0";
            case 535 -> "5.7.8";
            case 538 -> "5.7.11";
            case 552 -> "5.3.4";
            case 553 -> "5.1.3";
            default -> (code / 100) + ".0.0";
        };
    }
}
