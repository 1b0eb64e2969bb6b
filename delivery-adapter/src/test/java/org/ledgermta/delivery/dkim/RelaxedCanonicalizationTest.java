package org.ledgermta.delivery.dkim;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelaxedCanonicalizationTest {

    // RFC 6376 §3.4.6, the example message: "A: <SP> X <CRLF> B <SP> : <SP> Y <HTAB><CRLF> <HTAB> Z <SP><SP>
    // <CRLF> <CRLF> <SP> C <SP><CRLF> D <SP><HTAB><SP> E <CRLF> <CRLF> <CRLF>".
    private static final byte[] RFC_EXAMPLE =
            "A: X\r\nB : Y\t\r\n\tZ  \r\n\r\n C \r\nD \t E\r\n\r\n\r\n".getBytes(ISO_8859_1);

    @Test
    void theExampleOfRfc6376IsCanonicalizedAsThatRfcShows() {
        HeaderSection headers = HeaderSection.parse(RFC_EXAMPLE);

        assertThat(headers.fields()).extracting(HeaderSection.Field::lowerCaseName).containsExactly("a", "b");
        assertThat(headers.fields()).extracting(field -> text(RelaxedCanonicalization.headerField(field.raw())))
                .containsExactly("a:X\r\n", "b:Y Z\r\n");
        assertThat(text(body(RFC_EXAMPLE, headers.bodyStart()))).isEqualTo(" C\r\nD E\r\n");
    }

    @Test
    void emptyAndBlankBodiesCanonicalizeToNothing() {
        for (String body : List.of("", "\r\n", "\r\n\r\n", "  \r\n\t\r\n", " \t ")) {
            assertThat(body(body.getBytes(ISO_8859_1), 0)).as("[%s]", body).isEmpty();
        }
    }

    @Test
    void emptyLinesAreKeptBetweenLinesButNotAtTheEnd() {
        assertThat(text(body("a\r\n\r\n  \r\nb\r\n\r\n \r\n".getBytes(ISO_8859_1), 0))).isEqualTo("a\r\n\r\n\r\nb\r\n");
    }

    @Test
    void aLastLineWithoutItsLineEndGetsOne() {
        assertThat(text(body("a\r\nlast  ".getBytes(ISO_8859_1), 0))).isEqualTo("a\r\nlast\r\n");
    }

    @Test
    void eightBitOctetsAndBareCarriageReturnsPassThrough() {
        byte[] body = "Grüße\r\u00ff \u00e9\r\n".getBytes(UTF_8);

        assertThat(body(body, 0)).isEqualTo(body);
    }

    @Test
    void headerValuesKeepTheirOctetsAndLoseOnlyWhiteSpace() {
        byte[] field = "SUBJECT \t:  Grüße \r\n\t aus   Köln \t".getBytes(UTF_8);

        assertThat(RelaxedCanonicalization.headerField(field)).isEqualTo("subject:Grüße aus Köln\r\n".getBytes(UTF_8));
        assertThat(text(RelaxedCanonicalization.headerField("X-Empty:   ".getBytes(ISO_8859_1))))
                .isEqualTo("x-empty:\r\n");
    }

    private static byte[] body(byte[] message, int start) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RelaxedCanonicalization.body(message, start, out);
        return out.toByteArray();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, ISO_8859_1);
    }
}
