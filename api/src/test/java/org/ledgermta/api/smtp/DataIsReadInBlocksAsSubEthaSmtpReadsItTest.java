package org.ledgermta.api.smtp;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.subethamail.smtp.internal.io.DotTerminatedInputStream;
import org.subethamail.smtp.internal.io.DotUnstuffingInputStream;

/**
 * The message of DATA read in blocks is the one SubEthaSMTP's byte-at-a-time streams read, whatever the block
 * size and however the caller reads, and the command pipelined behind the final dot is left for the session.
 * The one difference is deliberate: a period stuffed on the first line is removed (RFC 5321 §4.5.2).
 */
class DataIsReadInBlocksAsSubEthaSmtpReadsItTest {

    private static final String PIPELINED = "MAIL FROM:<next@shop.example>\r\n";

    static Stream<String> messages() {
        StringBuilder long_ = new StringBuilder("Subject: many lines\r\n\r\n");
        for (int i = 0; i < 2_000; i++) {
            long_.append(i % 7 == 0 ? ".." : i % 11 == 0 ? "." : "").append("line ").append(i).append("\r\n");
        }
        StringBuilder everyByte = new StringBuilder();
        for (int b = 0; b < 256; b++) {
            everyByte.append((char) b);
        }
        return Stream.of(
                ".\r\n",
                "Subject: hi\r\n\r\nhello\r\n.\r\n",
                "a\r\n..b\r\n.\r\n",
                "a\r\n.b\r\n.\r\n",
                "a\r\n..\r\n.\r\n",
                "a\r\n.\rx\r\n.\r\n",
                "a\r\n.\r\r\n.\r\n",
                "a\r\r\n.\r\n",
                "a\n.\n\r\n.\r\n",
                "no final line break.\r\n.\r\n",
                "a\r\n.\r.\r\n.\r\n",
                everyByte + "\r\n" + everyByte + "\r\n.\r\n",
                long_ + ".\r\n");
    }

    @ParameterizedTest
    @MethodSource("messages")
    void theMessageAndWhatFollowsItAreTheSameAsSubEthaSmtpReadsThem(String data) throws IOException {
        byte[] session = (data + PIPELINED).getBytes(ISO_8859_1);
        InputStream theirInput = input(session);
        byte[] theirs = new DotUnstuffingInputStream(new DotTerminatedInputStream(theirInput)).readAllBytes();
        assertThat(new String(theirInput.readAllBytes(), ISO_8859_1)).isEqualTo(PIPELINED);

        for (int block : new int[] {1, 2, 3, 5, 8192}) {
            InputStream ourInput = input(session);
            assertThat(new DotTerminatedData(ourInput, block).readAllBytes()).as("in blocks of %d", block)
                    .isEqualTo(theirs);
            assertThat(new String(ourInput.readAllBytes(), ISO_8859_1)).as("left for the session").isEqualTo(PIPELINED);
            InputStream byteByByte = input(session);
            assertThat(readByteByByte(new DotTerminatedData(byteByByte, block))).as("a byte per call, blocks of %d", block)
                    .isEqualTo(theirs);
            assertThat(new String(byteByByte.readAllBytes(), ISO_8859_1)).isEqualTo(PIPELINED);
        }
    }

    @Test
    void aPeriodStuffedOnTheFirstLineIsRemovedWhereSubEthaSmtpKeptIt() throws IOException {
        byte[] session = "..first\r\n..second\r\n.\r\n".getBytes(ISO_8859_1);
        assertThat(new String(new DotTerminatedData(input(session)).readAllBytes(), ISO_8859_1))
                .isEqualTo(".first\r\n.second\r\n");
        assertThat(new String(new DotUnstuffingInputStream(new DotTerminatedInputStream(input(session))).readAllBytes(),
                ISO_8859_1)).isEqualTo("..first\r\n.second\r\n");
    }

    @Test
    void aConnectionClosedBeforeTheFinalLineIsAnError() {
        InputStream cut = input("Subject: hi\r\n\r\nhello\r\n".getBytes(ISO_8859_1));
        assertThatThrownBy(() -> new DotTerminatedData(cut).readAllBytes()).isInstanceOf(EOFException.class);
    }

    private static InputStream input(byte[] bytes) {
        return new BufferedInputStream(new ByteArrayInputStream(bytes), 8192);
    }

    private static byte[] readByteByByte(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b; (b = in.read()) >= 0; ) {
            out.write(b);
        }
        return out.toByteArray();
    }
}
