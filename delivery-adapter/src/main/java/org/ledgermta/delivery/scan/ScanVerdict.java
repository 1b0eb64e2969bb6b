package org.ledgermta.delivery.scan;

import java.util.List;
import java.util.Objects;

/** What a content scanner said about one message. Scanners return this; they never throw for I/O. */
public sealed interface ScanVerdict {

    /** Nothing found by the named scanner. */
    record Clean(String scanner) implements ScanVerdict {
        public Clean {
            Objects.requireNonNull(scanner, "scanner");
        }
    }

    /**
     * Spam: {@code score} reached {@code threshold}. {@code action} is the scanner's own recommendation
     * (rspamd: "reject", "add header", "no action" …); {@code symbols} are the rules that fired, highest
     * score first.
     */
    record Spam(double score, double threshold, String action, List<String> symbols) implements ScanVerdict {
        public Spam {
            Objects.requireNonNull(action, "action");
            symbols = List.copyOf(symbols);
        }
    }

    /** A virus, named as the scanner names it (clamd: "Win.Test.EICAR_HDB-1"). */
    record Virus(String signature) implements ScanVerdict {
        public Virus {
            Objects.requireNonNull(signature, "signature");
        }
    }

    /** The scanner gave no answer; {@code reason} says why, in one sentence. Policy decides what follows. */
    record ScannerUnavailable(String scanner, String reason) implements ScanVerdict {
        public ScannerUnavailable {
            Objects.requireNonNull(scanner, "scanner");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
