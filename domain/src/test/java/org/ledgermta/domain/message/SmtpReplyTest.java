package org.ledgermta.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmtpReplyTest {

    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
            250 | 2.0.0  | Ok: queued as 4F2A1                   | 250 2.0.0 Ok: queued as 4F2A1            | true  | false | false
            451 | 4.7.1  | Greylisted, try again later           | 451 4.7.1 Greylisted, try again later    | false | true  | false
            421 | 4.7.28 | Our system has detected an unusual rate | 421 4.7.28 Our system has detected an unusual rate | false | true | false
            550 | 5.7.1  | blocked using zen.spamhaus.org        | 550 5.7.1 blocked using zen.spamhaus.org | false | false | true
            554 |        | Transaction failed                    | 554 Transaction failed                   | false | false | true
            550 | 4.7.1  | Service unavailable                   | 550 4.7.1 Service unavailable            | false | false | true
            354 |        | End data with <CR><LF>.<CR><LF>       | 354 End data with <CR><LF>.<CR><LF>      | false | false | false
            552 | 5.3.4  |                                       | 552 5.3.4                                | false | false | true
            """)
    void replyIsClassifiedByItsCodeAndRenderedAsSent(int code, String enhancedCode, String text, String rendered,
            boolean positive, boolean transientFailure, boolean permanentFailure) {
        SmtpReply reply = new SmtpReply(code, enhancedCode, text);

        assertThat(reply).hasToString(rendered);
        assertThat(reply.positive()).isEqualTo(positive);
        assertThat(reply.transientFailure()).isEqualTo(transientFailure);
        assertThat(reply.permanentFailure()).isEqualTo(permanentFailure);
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
            199 | 2.0.0    | expected a completion or failure code from 200 to 599
            600 | 5.0.0    | expected a completion or failure code from 200 to 599
            550 | 5.7      | expected class.subject.detail
            550 | 3.1.1    | expected class.subject.detail
            550 | 5.1234.1 | expected class.subject.detail
            550 | 5.1.1 x  | expected class.subject.detail
            """)
    void malformedReplyIsRefused(int code, String enhancedCode, String reason) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SmtpReply(code, enhancedCode, "text"))
                .withMessageContaining(reason);
    }

    @Test
    void missingEnhancedCodeAndTextAreEmpty() {
        assertThat(new SmtpReply(250, null, null)).isEqualTo(new SmtpReply(250, "", ""));
    }
}
