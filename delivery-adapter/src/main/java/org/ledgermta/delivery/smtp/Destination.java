package org.ledgermta.delivery.smtp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.ledgermta.domain.IpAddressLiteral;

/** Where one transaction goes, and from where. */
record Destination(InetAddress egressIp, String heloName, String mxHost, InetSocketAddress mxAddress) {

    /** {@code 192.0.2.1:25}, {@code [2001:db8::1]:25}. */
    String mxAddressText() {
        String ip = IpAddressLiteral.format(mxAddress.getAddress().getAddress());
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + mxAddress.getPort();
    }

    String egressIpText() {
        return IpAddressLiteral.format(egressIp.getAddress());
    }

    /**
     * Which cached connections may carry this transaction: from the same egress IP, to the same address,
     * introduced with the same HELO name. A connection verified for one MX host name proves nothing about
     * another, so under a verifying policy the host name is part of the key too.
     */
    ConnectionKey key(boolean verifying) {
        return new ConnectionKey(egressIp, mxAddress, heloName, verifying ? mxHost : "");
    }

    record ConnectionKey(InetAddress egressIp, InetSocketAddress mxAddress, String heloName, String verifiedHost) {
    }
}
