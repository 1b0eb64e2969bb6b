package org.ledgermta.api.delivery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ledgermta.domain.egress.EgressIpAddress;

/** One entry of mta.egress.ips: an address and the name it says HELO with. */
record EgressIpSetting(EgressIpAddress address, String heloName) {

    static List<EgressIpSetting> parse(String text, String defaultHelo) {
        List<EgressIpSetting> settings = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return settings;
        }
        for (String entry : text.split(",")) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            String ip = equals < 0 ? trimmed : trimmed.substring(0, equals).strip();
            String helo = equals < 0 ? defaultHelo : trimmed.substring(equals + 1).strip();
            EgressIpAddress address;
            try {
                address = new EgressIpAddress(ip);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("mta.egress.ips: '" + trimmed + "': " + e.getMessage());
            }
            if (helo.isEmpty()) {
                throw new IllegalArgumentException("mta.egress.ips: '" + trimmed + "' has an empty HELO name");
            }
            settings.add(new EgressIpSetting(address, helo));
        }
        return settings;
    }

    /** Empty when a socket can be bound to this address here; else why not. */
    Optional<String> whyNotBindable() {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(address.value()), 0));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getMessage());
        }
    }
}
