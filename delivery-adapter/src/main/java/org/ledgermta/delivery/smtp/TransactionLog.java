package org.ledgermta.delivery.smtp;

import org.ledgermta.domain.message.SmtpReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per SMTP transaction, key=value, with what the wire knows: no message id, which the caller may add
 * through the MDC. Kept apart so that the format is in one place.
 */
final class TransactionLog {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpDelivery.class);

    private TransactionLog() {
    }

    static void record(Destination destination, int recipients, TransactionResult result, SmtpReply finalReply,
            boolean reused) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        switch (result) {
            case TransactionResult.Completed completed -> LOG.info(
                    "smtp transaction egress_ip={} mx_host={} mx_address={} recipients={} accepted={} reply=\"{}\" "
                            + "tls={} reused={} duration_ms={}",
                    destination.egressIpText(), completed.mxHost(), completed.mxAddress(), recipients,
                    completed.recipients().stream().filter(r -> r.reply().positive()).count(),
                    quoted(finalReply), completed.tls(), reused, completed.duration().toMillis());
            case TransactionResult.ConnectionFailed failed -> LOG.info(
                    "smtp transaction egress_ip={} mx_host={} mx_address={} recipients={} accepted=0 failure={} "
                            + "reply=\"{}\" duration_ms={}",
                    destination.egressIpText(), failed.mxHost(), failed.mxAddress(), recipients, failed.kind(),
                    quoted(failed.reply()), failed.duration().toMillis());
        }
    }

    private static String quoted(SmtpReply reply) {
        return reply == null ? "" : reply.toString().replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
