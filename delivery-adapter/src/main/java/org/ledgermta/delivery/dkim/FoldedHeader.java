package org.ledgermta.delivery.dkim;

/**
 * A header field written out with folds (CRLF HTAB) so that no line passes 78 characters (RFC 5322 §2.1.1),
 * folding only where the DKIM-Signature grammar allows folding white space (RFC 6376 §3.5): between tags,
 * after a colon of h=, and anywhere inside the base64 of b=.
 */
final class FoldedHeader {

    private static final int LINE_LIMIT = 78;
    private static final String FOLD = "\r\n\t";

    private final StringBuilder text;
    private int lineLength;

    FoldedHeader(String name) {
        text = new StringBuilder(name).append(':');
        lineLength = text.length();
    }

    /** A tag ("d=example.com;"), after a space, or on a line of its own when it would pass the limit. */
    FoldedHeader tag(String tag) {
        if (lineLength + 1 + tag.length() > LINE_LIMIT) {
            fold();
        } else {
            append(" ");
        }
        append(tag);
        return this;
    }

    /** Text right after what is there, or on the next line where the grammar allows a fold there. */
    FoldedHeader continuation(String atom) {
        if (lineLength + atom.length() > LINE_LIMIT) {
            fold();
        }
        append(atom);
        return this;
    }

    /** Text that may be cut anywhere, such as the base64 of b= (RFC 6376 §2.4: FWS may occur within it). */
    FoldedHeader breakable(String value) {
        int position = 0;
        while (position < value.length()) {
            if (lineLength >= LINE_LIMIT) {
                fold();
            }
            int end = Math.min(value.length(), position + LINE_LIMIT - lineLength);
            append(value.substring(position, end));
            position = end;
        }
        return this;
    }

    private void fold() {
        text.append(FOLD);
        lineLength = 1;
    }

    private void append(String atom) {
        text.append(atom);
        lineLength += atom.length();
    }

    /** The field as written so far, without a final CRLF. */
    @Override
    public String toString() {
        return text.toString();
    }
}
