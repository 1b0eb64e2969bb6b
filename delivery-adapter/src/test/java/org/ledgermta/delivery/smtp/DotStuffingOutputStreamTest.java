package org.ledgermta.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DotStuffingOutputStreamTest {

    // RFC 5321 §4.5.2; the message and the wire form with \r and \n written out.
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""                                  | .\\r\\n
            a\\r\\n                             | a\\r\\n.\\r\\n
            .leading\\r\\n..two\\r\\n.\\r\\nend | ..leading\\r\\n...two\\r\\n..\\r\\nend\\r\\n.\\r\\n
            no line end                         | no line end\\r\\n.\\r\\n
            ends with CR\\r                     | ends with CR\\r\\n.\\r\\n
            bare\\nLF\\n.dot                    | bare\\r\\nLF\\r\\n..dot\\r\\n.\\r\\n
            mid.dot\\r.after CR\\r\\n           | mid.dot\\r.after CR\\r\\n.\\r\\n
            """)
    void messageIsStuffedAndTerminated(String message, String wire) throws IOException {
        String input = unescape(message);
        String expected = unescape(wire);

        assertThat(stuffWhole(input)).isEqualTo(expected);
        assertThat(stuffByteByByte(input)).as("the same when written one byte at a time").isEqualTo(expected);
    }

    private static String stuffWhole(String message) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        DotStuffingOutputStream data = new DotStuffingOutputStream(wire);
        data.write(message.getBytes(StandardCharsets.UTF_8));
        data.finish();
        return wire.toString(StandardCharsets.UTF_8);
    }

    private static String stuffByteByByte(String message) throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        try (DotStuffingOutputStream data = new DotStuffingOutputStream(wire)) {
            for (byte b : message.getBytes(StandardCharsets.UTF_8)) {
                data.write(b);
            }
        }
        return wire.toString(StandardCharsets.UTF_8);
    }

    private static String unescape(String text) {
        return text.replace("\\r", "\r").replace("\\n", "\n");
    }
}
