package org.ledgermta.api.sender;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/** mta.dns.resolver as a socket address: an IP literal and a port, never a name to look up. */
public final class DnsServers {

    private DnsServers() {
    }

    public static InetSocketAddress parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        boolean bracketed = hostPort.startsWith("[");
        boolean hasPort = colon > 0 && (!hostPort.contains("::") || bracketed) && colon > hostPort.lastIndexOf(']');
        try {
            String host = hasPort ? hostPort.substring(0, colon) : hostPort;
            int port = hasPort ? Integer.parseInt(hostPort.substring(colon + 1)) : 53;
            return new InetSocketAddress(InetAddress.getByName(host.replace("[", "").replace("]", "")), port);
        } catch (Exception e) {
            throw new IllegalArgumentException("mta.dns.resolver must be an IP address and port such as"
                    + " 127.0.0.1:53, was '" + hostPort + "'");
        }
    }
}
