package org.ledgermta.domain.provider;

/**
 * How hard one egress IP may push one mailbox provider.
 *
 * @param maxConnections connections open to the provider's MX hosts at once
 * @param messagesPerConnection messages sent on one connection before it is closed and another opened
 * @param messagesPerMinute messages a minute at the most; 0 for no per-minute limit
 */
public record Shaping(int maxConnections, int messagesPerConnection, int messagesPerMinute) {

    public Shaping {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("connections=" + maxConnections + " must be at least 1.");
        }
        if (messagesPerConnection < 1) {
            throw new IllegalArgumentException("messages-per-connection=" + messagesPerConnection
                    + " must be at least 1.");
        }
        if (messagesPerMinute < 0) {
            throw new IllegalArgumentException("messages-per-minute=" + messagesPerMinute
                    + " must be 0 (no limit) or more.");
        }
    }

    public boolean limitsRate() {
        return messagesPerMinute > 0;
    }
}
