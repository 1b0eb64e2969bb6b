package org.ledgermta.api.axon;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.Snapshotter;
import org.ledgermta.api.config.StoreProperties;
import org.ledgermta.commands.account.Account;
import org.ledgermta.commands.egress.EgressIp;
import org.ledgermta.commands.message.OutboundMessage;
import org.ledgermta.commands.sender.SenderDomain;

/**
 * Registers the aggregates with a bounded cache and snapshots. The aggregates carry no Spring
 * stereotype (the commands module stays framework-light), so Spring's snapshotter, which looks the
 * aggregate factories up among Spring beans, would never find them: this module builds its own.
 */
final class LedgerAggregates implements ConfigurerModule {

    private static final List<Class<?>> AGGREGATES =
            List.of(OutboundMessage.class, EgressIp.class, Account.class, SenderDomain.class);

    private final StoreProperties properties;
    private volatile Snapshotter snapshotter;
    private ExecutorService snapshotWriter;

    LedgerAggregates(StoreProperties properties) {
        this.properties = properties;
    }

    @Override
    public void configureModule(Configurer configurer) {
        AGGREGATES.forEach(type -> configurer.configureAggregate(aggregate(type)));
        configurer.onShutdown(() -> {
            if (snapshotWriter != null) {
                snapshotWriter.shutdown();
            }
        });
    }

    private <A> AggregateConfigurer<A> aggregate(Class<A> type) {
        AggregateConfigurer<A> aggregate = AggregateConfigurer.defaultConfiguration(type);
        if (properties.aggregateCacheSize() > 0) {
            aggregate.configureCache(c -> new BoundedAggregateCache(properties.aggregateCacheSize()));
        }
        aggregate.configureSnapshotTrigger(c -> new EventCountSnapshotTriggerDefinition(
                snapshotter(c), properties.snapshotThreshold()));
        return aggregate;
    }

    private synchronized Snapshotter snapshotter(org.axonframework.config.Configuration configuration) {
        if (snapshotter == null) {
            List<AggregateFactory<?>> factories = AGGREGATES.stream()
                    .<AggregateFactory<?>>map(GenericAggregateFactory::new)
                    .toList();
            // Snapshots are an optimisation: written off the command thread, never delaying a reply.
            snapshotWriter = Executors.newSingleThreadExecutor(
                    Thread.ofPlatform().daemon().name("ledger-snapshots").factory());
            snapshotter = AggregateSnapshotter.builder()
                    .eventStore(configuration.eventStore())
                    .aggregateFactories(factories)
                    .executor(snapshotWriter)
                    .build();
        }
        return snapshotter;
    }
}
