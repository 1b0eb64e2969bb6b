package org.ledgermta.delivery.smtp;

import java.util.List;
import org.ledgermta.domain.message.SmtpReply;

/** One reply as read off the wire: its code and the text of each line, before joining. */
record ServerReply(int code, List<String> lines) {

    ServerReply {
        lines = List.copyOf(lines);
    }

    boolean positive() {
        return code / 100 == 2;
    }

    /** 421: the server is closing the channel (RFC 5321 §3.8); nothing more will be answered on it. */
    boolean closing() {
        return code == 421;
    }

    SmtpReply toSmtpReply() {
        return ReplyParser.toSmtpReply(code, lines);
    }
}
