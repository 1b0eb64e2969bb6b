package org.ledgermta.delivery.smtp;

/** Why an attempt ended without the server's answer to every recipient. */
public enum FailureKind {
    /** The connection was refused, or the network said the MX cannot be reached. */
    CONNECT_REFUSED,
    /** The TCP handshake did not complete within the connect timeout. */
    CONNECT_TIMEOUT,
    /**
     * The socket could not be bound to the egress IP: the address is not configured on this host. A fault of
     * this host, not of the receiver or of the egress IP's reputation.
     */
    BIND_FAILED,
    /** STARTTLS failed, or was not offered or refused while the policy requires it. */
    TLS_FAILED,
    /** The server did not answer (or did not read) within the timeout of the command in progress. */
    TIMEOUT,
    /** The server closed or reset the connection in the middle of the session. */
    CONNECTION_LOST,
    /** The server sent something that is not an SMTP reply, or a reply that makes no sense where it came. */
    PROTOCOL_ERROR
}
