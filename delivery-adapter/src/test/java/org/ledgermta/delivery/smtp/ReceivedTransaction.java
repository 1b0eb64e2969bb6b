package org.ledgermta.delivery.smtp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One message as {@link ScriptedMx} received it: on which connection (1 = the first accepted), from which
 * source IP, after which HELO/EHLO, over TLS or not, the envelope and the un-stuffed data.
 */
record ReceivedTransaction(int connection, String clientIp, String helo, boolean tls, String mailFrom,
        String mailParameters, List<String> recipients, byte[] data) {

    String text() {
        return new String(data, StandardCharsets.UTF_8);
    }
}
