package org.ledgermta.api.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnhancedStatusCodesTest {

    private static final String HOST = "relay.test.example";

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // SubEthaSMTP's own replies get the RFC 3463 code of their meaning
        "250 Ok                                       | 250 2.0.0 Ok",
        "221 Bye                                      | 221 2.0.0 Bye",
        "503 Error: need RCPT command                 | 503 5.5.1 Error: need RCPT command",
        "501 Syntax: MAIL FROM: <address>             | 501 5.5.4 Syntax: MAIL FROM: <address>",
        "452 Error: too many recipients               | 452 4.5.3 Error: too many recipients",
        "500 Error: command not implemented           | 500 5.5.2 Error: command not implemented",
        "535 Authentication credentials invalid       | 535 5.7.8 Authentication credentials invalid",
        "235 Authentication successful.               | 235 2.7.0 Authentication successful.",
        "421 Timeout waiting for data from client.    | 421 4.3.0 Timeout waiting for data from client.",
        // replies that already carry one are left as they are
        "250 2.0.0 Ok: queued as MIJ3V5K2A-7Q2D9XK0W1B | 250 2.0.0 Ok: queued as MIJ3V5K2A-7Q2D9XK0W1B",
        "550 5.7.1 Relaying denied                    | 550 5.7.1 Relaying denied",
        "503 5.5.1 Error: need MAIL command           | 503 5.5.1 Error: need MAIL command",
        // RFC 2034 §3: the greeting and HELO/EHLO replies carry none; neither do DATA's go-ahead and AUTH challenges
        "220 relay.test.example ESMTP ledgermta       | 220 relay.test.example ESMTP ledgermta",
        "250 relay.test.example                       | 250 relay.test.example",
        "354 End data with <CR><LF>.<CR><LF>          | 354 End data with <CR><LF>.<CR><LF>",
        "334 VXNlcm5hbWU6                             | 334 VXNlcm5hbWU6",
    })
    void repliesGetAnEnhancedCodeUnlessExempt(String reply, String expected) {
        assertThat(EnhancedStatusCodes.addTo(reply, HOST)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "250-relay.test.example\\r\\n250-PIPELINING\\r\\n250 CHUNKING | 250-relay.test.example\\r\\n250-PIPELINING\\r\\n250 CHUNKING",
        "451-Try again\\r\\n451 later                             | 451-4.3.0 Try again\\r\\n451 4.3.0 later",
    })
    void multiLineRepliesAreHandledLineByLine(String reply, String expected) {
        assertThat(EnhancedStatusCodes.addTo(reply.replace("\\r\\n", "\r\n"), HOST))
                .isEqualTo(expected.replace("\\r\\n", "\r\n"));
    }
}
