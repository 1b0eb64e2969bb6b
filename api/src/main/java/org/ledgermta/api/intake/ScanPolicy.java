package org.ledgermta.api.intake;

import org.ledgermta.delivery.scan.ContentScanner;

/** A content scanner as configured: what to do when it cannot give an answer. */
public record ScanPolicy(ContentScanner scanner, boolean failOpen) {
}
