package org.ledgermta.delivery.smtp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Message content as the DATA command carries it (RFC 5321 §4.5.2): a line that starts with "." gets one
 * more, and {@link #finish()} ends the content with CRLF "." CRLF, adding the CRLF the message may lack.
 *
 * <p>A bare LF is sent as CRLF. The stored message should have none, but one let through would make
 * "LF . LF" a data end for some receivers and not others, the SMTP smuggling ambiguity (CVE-2023-51766 and
 * kin); sending only CRLF line ends leaves every receiver the same view. A bare CR is kept.
 */
final class DotStuffingOutputStream extends FilterOutputStream {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte DOT = '.';
    private static final byte[] CRLF = {CR, LF};
    private static final byte[] END_OF_DATA = {DOT, CR, LF};

    private boolean atLineStart = true;
    private boolean afterCr;
    private boolean finished;

    DotStuffingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (finished) {
            throw new IOException("the data has already been ended with CRLF.CRLF");
        }
        int runStart = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (b == LF) {
                if (!afterCr) {
                    out.write(bytes, runStart, i - runStart);
                    out.write(CR);
                    runStart = i;
                }
                atLineStart = true;
                afterCr = false;
            } else {
                if (atLineStart && b == DOT) {
                    out.write(bytes, runStart, i - runStart);
                    out.write(DOT);
                    runStart = i;
                }
                atLineStart = false;
                afterCr = b == CR;
            }
        }
        out.write(bytes, runStart, end - runStart);
    }

    /** Ends the content: the missing line end, if any, then "." CRLF. Does not close the stream below. */
    void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        if (afterCr) {
            out.write(LF);
        } else if (!atLineStart) {
            out.write(CRLF);
        }
        out.write(END_OF_DATA);
    }

    /** Finishes the data and flushes; the connection below stays open for the reply. */
    @Override
    public void close() throws IOException {
        finish();
        flush();
    }
}
