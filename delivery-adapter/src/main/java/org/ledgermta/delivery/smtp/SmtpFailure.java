package org.ledgermta.delivery.smtp;

import org.ledgermta.domain.message.SmtpReply;

/**
 * A socket, TLS, timeout or protocol failure inside this package, on its way to becoming a
 * {@link TransactionResult.ConnectionFailed} in {@link SmtpDelivery}, the one place that catches it.
 */
final class SmtpFailure extends Exception {

    // 451: "Requested action aborted: local error in processing" (RFC 5321 §4.2.3), the transient code
    // Postfix and others use for replies they make up themselves.
    private static final int SYNTHETIC_CODE = 451;

    private final FailureKind kind;
    private final String enhancedCode;

    SmtpFailure(FailureKind kind, String enhancedCode, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
        this.enhancedCode = enhancedCode;
    }

    /** With the RFC 3463 code that fits the kind. */
    SmtpFailure(FailureKind kind, String detail) {
        this(kind, defaultEnhancedCode(kind), detail);
    }

    FailureKind kind() {
        return kind;
    }

    SmtpReply reply() {
        return new SmtpReply(SYNTHETIC_CODE, enhancedCode, getMessage());
    }

    private static String defaultEnhancedCode(FailureKind kind) {
        return switch (kind) {
            // X.4.1 "No answer from host": no SMTP session came about.
            case CONNECT_REFUSED, CONNECT_TIMEOUT -> "4.4.1";
            // X.4.0 "Other or undefined network or routing status": this host cannot use the address.
            case BIND_FAILED -> "4.4.0";
            // X.7.5 "Cryptographic failure", as Postfix reports a failed TLS handshake.
            case TLS_FAILED -> "4.7.5";
            // X.4.2 "Bad connection": established, but the transaction could not be completed.
            case TIMEOUT, CONNECTION_LOST -> "4.4.2";
            // X.5.0 "Other or undefined protocol status".
            case PROTOCOL_ERROR -> "4.5.0";
        };
    }
}
