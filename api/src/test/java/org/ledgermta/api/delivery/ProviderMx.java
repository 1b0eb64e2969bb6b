package org.ledgermta.api.delivery;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

/**
 * Recipient domains whose MX hosts are Gmail's and Yahoo's names, answered by a {@link ZoneResponder} with
 * 127.0.0.1, so that mail reaches the scenario's {@link TestMx} and the service sees the real providers.
 */
final class ProviderMx implements AutoCloseable {

    final String gmailDomain = "gmail-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    final String yahooDomain = "yahoo-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    final String microsoftDomain = "outlook-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    private final ZoneResponder dns = new ZoneResponder();

    ProviderMx() throws IOException {
        dns.zone(List.of(
                gmailDomain + ". 60 IN MX 5 gmail-smtp-in.l.google.com.",
                "gmail-smtp-in.l.google.com. 60 IN A 127.0.0.1",
                yahooDomain + ". 60 IN MX 1 mta5.am0.yahoodns.net.",
                "mta5.am0.yahoodns.net. 60 IN A 127.0.0.1",
                microsoftDomain + ". 60 IN MX 10 hotmail-com.olc.protection.outlook.com.",
                "hotmail-com.olc.protection.outlook.com. 60 IN A 127.0.0.1"));
    }

    /** The properties that send every domain through this DNS to the MX's port, instead of a static route. */
    String[] properties(TestMx mx) {
        return new String[] {"mta.routes=", "mta.dns.resolver=" + dns.address(), "mta.delivery.port=" + mx.port()};
    }

    @Override
    public void close() {
        dns.close();
    }
}
