package org.ledgermta.delivery.dkim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The "relaxed" canonicalization of RFC 6376 §3.4.2 (header fields) and §3.4.4 (body), on octets: 8-bit
 * octets pass through untouched, only SP, HTAB and CRLF are acted on. Input is in wire form: CRLF is the
 * only line end, a bare CR is an ordinary octet.
 */
final class RelaxedCanonicalization {

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte SP = ' ';
    private static final byte HTAB = '\t';
    private static final byte COLON = ':';
    private static final byte[] CRLF = {CR, LF};

    private RelaxedCanonicalization() {
    }

    /**
     * One header field, given from its name to the end of its value without the final CRLF, canonicalized
     * and followed by CRLF: name lower-cased, folds unfolded, runs of WSP made one SP, WSP at the end of the
     * value and around the colon deleted (RFC 6376 §3.4.2).
     */
    static byte[] headerField(byte[] field) {
        int colon = 0;
        while (field[colon] != COLON) {
            colon++;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(field.length + 2);
        int nameEnd = colon;
        while (nameEnd > 0 && isWsp(field[nameEnd - 1])) {
            nameEnd--;
        }
        for (int i = 0; i < nameEnd; i++) {
            byte b = field[i];
            out.write(b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
        }
        out.write(COLON);
        boolean pendingSpace = false;
        boolean valueStarted = false;
        for (int i = colon + 1; i < field.length; i++) {
            byte b = field[i];
            if (b == CR && i + 1 < field.length && field[i + 1] == LF) {
                // Unfolding (RFC 5322 §2.2.3): the CRLF goes, the WSP after it is a run like any other.
                i++;
            } else if (isWsp(b)) {
                pendingSpace = valueStarted;
            } else {
                if (pendingSpace) {
                    out.write(SP);
                    pendingSpace = false;
                }
                out.write(b);
                valueStarted = true;
            }
        }
        out.writeBytes(CRLF);
        return out.toByteArray();
    }

    /**
     * The body from {@code start} to the end of {@code wire}, canonicalized into {@code out}: WSP at the end
     * of each line deleted, other runs of WSP made one SP, empty lines at the end deleted (RFC 6376 §3.4.4).
     * An empty body stays empty: unlike "simple", "relaxed" adds no CRLF to it. A last line without its CRLF
     * is treated as ending in one, which is what SMTP delivers (DotStuffingOutputStream adds it).
     */
    static void body(byte[] wire, int start, OutputStream out) {
        Sink sink = new Sink(out);
        int pendingEmptyLines = 0;
        boolean lineHasContent = false;
        boolean pendingSpace = false;
        int i = start;
        while (i < wire.length) {
            byte b = wire[i];
            if (b == CR && i + 1 < wire.length && wire[i + 1] == LF) {
                if (lineHasContent) {
                    sink.write(CR);
                    sink.write(LF);
                } else {
                    pendingEmptyLines++;
                }
                lineHasContent = false;
                pendingSpace = false;
                i += 2;
                continue;
            }
            if (isWsp(b)) {
                pendingSpace = true;
            } else {
                if (!lineHasContent) {
                    // Empty lines are kept only when something follows them.
                    for (; pendingEmptyLines > 0; pendingEmptyLines--) {
                        sink.write(CR);
                        sink.write(LF);
                    }
                }
                if (pendingSpace) {
                    sink.write(SP);
                    pendingSpace = false;
                }
                sink.write(b);
                lineHasContent = true;
            }
            i++;
        }
        if (lineHasContent) {
            sink.write(CR);
            sink.write(LF);
        }
        sink.flush();
    }

    /** Collects octets into blocks: one call per octet into a MessageDigest stream would dominate the time. */
    private static final class Sink {
        private final OutputStream out;
        private final byte[] block = new byte[16 * 1024];
        private int size;

        Sink(OutputStream out) {
            this.out = out;
        }

        void write(byte b) {
            if (size == block.length) {
                flush();
            }
            block[size++] = b;
        }

        void flush() {
            try {
                out.write(block, 0, size);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            size = 0;
        }
    }

    private static boolean isWsp(byte b) {
        return b == SP || b == HTAB;
    }
}
