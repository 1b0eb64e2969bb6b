package org.ledgermta.api.smtp;

/** {@code host:port} or {@code [v6]:port}, as written in mta.smtp.listen. */
record ListenAddress(String host, int port) {

    static ListenAddress parse(String key, String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException(key + " must be host:port (for example 127.0.0.1:2525), was '" + value + "'");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": the port of '" + value + "' is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(key + ": port " + port + " is outside 0-65535");
        }
        return new ListenAddress(host, port);
    }
}
