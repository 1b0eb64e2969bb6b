package org.ledgermta.delivery.scan;

/** A content check before acceptance (rspamd, clamd). Safe to call from many threads at once. */
public interface ContentScanner {

    /** Short, stable name for logs and refusal texts: "rspamd", "clamd". */
    String name();

    /** Never throws for network or protocol failures: those come back as {@link ScanVerdict.ScannerUnavailable}. */
    ScanVerdict scan(ScanRequest request);
}
