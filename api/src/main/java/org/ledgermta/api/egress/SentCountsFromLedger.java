package org.ledgermta.api.egress;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.ledgermta.api.forensics.LedgerEvents;
import org.ledgermta.delivery.limit.RedisEgressCounters.IpAndProvider;
import org.ledgermta.domain.message.DeliveryAttemptedEvent;
import org.ledgermta.domain.provider.ProviderName;
import org.ledgermta.domain.provider.Providers;

/**
 * What each egress IP sent to each provider on a UTC day, counted from the ledger's delivery attempts: the
 * source the Redis counters are rebuilt from. An attempt counts whatever its outcome, as it did when reserved.
 * Attempts recorded before events named their provider are put under the provider of their MX host.
 */
final class SentCountsFromLedger {

    private final LedgerEvents events;
    private final Providers providers;

    SentCountsFromLedger(LedgerEvents events, Providers providers) {
        this.events = events;
        this.providers = providers;
    }

    Map<IpAndProvider, Long> on(LocalDate day) {
        Map<IpAndProvider, Long> sent = new HashMap<>();
        LocalDate next = day.plusDays(1);
        events.forEachSince(day.atStartOfDay().toInstant(ZoneOffset.UTC), DeliveryAttemptedEvent.class, message -> {
            DeliveryAttemptedEvent attempt = (DeliveryAttemptedEvent) message.getPayload();
            if (attempt.egressIp() == null || !LocalDate.ofInstant(message.getTimestamp(), ZoneOffset.UTC).isBefore(next)) {
                return;
            }
            ProviderName provider = attempt.provider() != null ? attempt.provider()
                    : providers.providerOf(attempt.mxHost());
            sent.merge(new IpAndProvider(attempt.egressIp(), provider), 1L, Long::sum);
        });
        return sent;
    }
}
