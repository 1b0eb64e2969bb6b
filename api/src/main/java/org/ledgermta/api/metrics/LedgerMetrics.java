package org.ledgermta.api.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.ledgermta.domain.account.MessageRejectedEvent;
import org.ledgermta.domain.egress.EgressIpAddress;
import org.ledgermta.domain.egress.EgressIpBackedOffEvent;
import org.ledgermta.domain.egress.EgressIpBlacklistedEvent;
import org.ledgermta.domain.message.DeliveryAttemptedEvent;
import org.ledgermta.domain.message.DeliveryPostponedEvent;
import org.ledgermta.domain.message.MessageAcceptedEvent;
import org.ledgermta.domain.message.MessageExpiredEvent;
import org.ledgermta.domain.message.RecipientResult;
import org.ledgermta.projections.egress.EgressPool;

/**
 * The ledger's facts as Prometheus counters, counted by a subscribing processor once the unit of work that
 * recorded them has committed (a rolled-back command counts nothing):
 * <ul>
 *   <li>{@code ledgermta_messages_accepted_total{account,route}}: messages accepted (route smtp, http, or
 *       bounce for the DSNs this relay queues itself);</li>
 *   <li>{@code ledgermta_recipients_delivered_total}, {@code _deferred_total}, {@code _bounced_total}
 *       {@code {egress_ip,pool}}: recipients per attempt outcome, by the egress IP that made the attempt
 *       ({@code none} when the attempt ended before any connection, e.g. a failed MX look-up); an IP block
 *       counts as a deferral of the message;</li>
 *   <li>{@code ledgermta_egress_ip_blocked_total{egress_ip,pool}}: block-listings that took an IP out;</li>
 *   <li>{@code ledgermta_messages_expired_total}, {@code ledgermta_messages_rejected_total{account,reason}}.</li>
 * </ul>
 * Counters start at zero with the process, as Prometheus expects ({@code rate()} handles the reset); the
 * ledger, not these, is the record.
 */
public final class LedgerMetrics {

    static final String NONE = "none";

    private final MeterRegistry registry;
    private final EgressPool pool;

    public LedgerMetrics(MeterRegistry registry, EgressPool pool) {
        this.registry = registry;
        this.pool = pool;
    }

    @EventHandler
    void on(MessageAcceptedEvent event) {
        afterCommit(() -> counter("ledgermta.messages.accepted", "Messages accepted into the queue",
                "account", event.account().value(), "route", lower(event.route())).increment());
    }

    @EventHandler
    void on(DeliveryAttemptedEvent event) {
        String ip = event.egressIp() == null ? NONE : event.egressIp().value();
        String poolName = poolOf(event.egressIp());
        long delivered = 0;
        long deferred = 0;
        long bounced = 0;
        for (RecipientResult result : event.results()) {
            switch (result.outcome()) {
                case DELIVERED -> delivered++;
                case DEFERRED, EGRESS_BLOCKED -> deferred++;
                case BOUNCED -> bounced++;
            }
        }
        long deliveredCount = delivered;
        long deferredCount = deferred;
        long bouncedCount = bounced;
        afterCommit(() -> {
            recipients("delivered", "Recipients delivered", ip, poolName, deliveredCount);
            recipients("deferred", "Recipients deferred (kept queued for a retry)", ip, poolName, deferredCount);
            recipients("bounced", "Recipients failed permanently", ip, poolName, bouncedCount);
        });
    }

    @EventHandler
    void on(EgressIpBlacklistedEvent event) {
        String poolName = poolOf(event.address());
        afterCommit(() -> counter("ledgermta.egress.ip.blocked", "Egress IPs taken out of the pool by a block",
                "egress_ip", event.address().value(), "pool", poolName).increment());
    }

    @EventHandler
    void on(EgressIpBackedOffEvent event) {
        afterCommit(() -> counter("ledgermta.egress.ip.backed.off", "Back-offs of an egress IP towards a provider",
                "egress_ip", event.address().value(), "provider", event.provider().value()).increment());
    }

    @EventHandler
    void on(DeliveryPostponedEvent event) {
        afterCommit(() -> counter("ledgermta.deliveries.postponed",
                "Messages waiting because every egress IP was capped or backed off for their provider",
                "provider", event.provider().value()).increment());
    }

    @EventHandler
    void on(MessageExpiredEvent event) {
        afterCommit(() -> Counter.builder("ledgermta.messages.expired")
                .description("Messages that reached their maximum queue age undelivered").register(registry).increment());
    }

    @EventHandler
    void on(MessageRejectedEvent event) {
        afterCommit(() -> counter("ledgermta.messages.rejected", "Messages or clients turned away at intake",
                "account", event.account() == null ? NONE : event.account(), "reason", lower(event.reason())).increment());
    }

    private void recipients(String outcome, String description, String ip, String poolName, long count) {
        // registered even at zero, so that every IP that made an attempt shows all three series
        counter("ledgermta.recipients." + outcome, description, "egress_ip", ip, "pool", poolName).increment(count);
    }

    private Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    private String poolOf(EgressIpAddress address) {
        return address == null ? NONE : pool.find(address).map(view -> view.pool().value()).orElse("unknown");
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    static void afterCommit(Runnable action) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> action.run());
        } else {
            action.run();
        }
    }
}
