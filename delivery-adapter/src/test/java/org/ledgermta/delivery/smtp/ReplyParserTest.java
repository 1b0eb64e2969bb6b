package org.ledgermta.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ledgermta.domain.message.SmtpReply;

class ReplyParserTest {

    @Test
    void multiLineReplyIsJoinedWithSpacesAndTheRepeatedEnhancedCodeStripped() throws Exception {
        List<String> wire = List.of(
                "421-4.7.28 [192.0.2.1      15] Our system has detected an unusual rate of",
                "421-4.7.28 unsolicited mail originating from your IP address. To protect our",
                "421 4.7.28 users from spam, mail sent from your IP address has been temporarily");

        SmtpReply reply = parse(wire);

        assertThat(reply).isEqualTo(new SmtpReply(421, "4.7.28", "[192.0.2.1      15] Our system has detected an"
                + " unusual rate of unsolicited mail originating from your IP address. To protect our users from"
                + " spam, mail sent from your IP address has been temporarily"));
    }

    @Test
    void replyWithoutEnhancedCodeKeepsItsWholeText() throws Exception {
        assertThat(parse(List.of("250 Ok"))).isEqualTo(new SmtpReply(250, "", "Ok"));
        assertThat(parse(List.of("250"))).isEqualTo(new SmtpReply(250, "", ""));
        assertThat(parse(List.of("250 2.0.0"))).isEqualTo(new SmtpReply(250, "2.0.0", ""));
    }

    @Test
    void enhancedCodeIsTakenFromTheFirstLineOnly() throws Exception {
        SmtpReply reply = parse(List.of("550-5.7.1 Blocked", "550 see https://example.test/5.7.1"));
        assertThat(reply).isEqualTo(new SmtpReply(550, "5.7.1", "Blocked see https://example.test/5.7.1"));
        // A code that looks like an enhanced one in the text but is not of class 2, 4 or 5 stays text.
        assertThat(parse(List.of("451 1.2.3 odd"))).isEqualTo(new SmtpReply(451, "", "1.2.3 odd"));
    }

    @Test
    void utf8ReplyTextIsKept() throws Exception {
        assertThat(parse(List.of("550 5.1.1 Empfänger unbekannt")).text()).isEqualTo("Empfänger unbekannt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "25", "2500 ok", "199 too low", "600 too high", "250_x", ""})
    void linesThatAreNotReplyLinesAreRefused(String line) {
        assertThatThrownBy(() -> ReplyParser.parseLine(line)).isInstanceOf(ReplyParser.MalformedReply.class);
    }

    @Test
    void continuationLineWithAnotherCodeIsRefused() throws Exception {
        ReplyParser.Line second = ReplyParser.parseLine("550 no");
        assertThatThrownBy(() -> ReplyParser.requireSameCode(250, second))
                .isInstanceOf(ReplyParser.MalformedReply.class);
    }

    @Test
    void ehloKeywordsAreReadCaseInsensitivelyWithTheSizeLimit() {
        EhloCapabilities capabilities = EhloCapabilities.parse(List.of("mx.test greets mta1.test", "pipelining",
                "SIZE 35882577", "STARTTLS", "8BITMIME", "SMTPUTF8", "ENHANCEDSTATUSCODES", "AUTH PLAIN LOGIN"));

        assertThat(capabilities).isEqualTo(new EhloCapabilities(true, true, true, true, true, 35882577));
        assertThat(EhloCapabilities.parse(List.of("mx.test", "SIZE")).sizeLimit()).isZero();
        assertThat(EhloCapabilities.parse(List.of("mx.test STARTTLS"))).isEqualTo(EhloCapabilities.NONE);
    }

    private static SmtpReply parse(List<String> wire) throws ReplyParser.MalformedReply {
        int code = 0;
        List<String> texts = new java.util.ArrayList<>();
        for (String raw : wire) {
            ReplyParser.Line line = ReplyParser.parseLine(raw);
            code = line.code();
            texts.add(line.text());
        }
        return ReplyParser.toSmtpReply(code, texts);
    }
}
