package org.ledgermta.api.graphql.stats;

import java.time.Instant;
import org.axonframework.config.ConfigurerModule;
import org.ledgermta.api.store.LedgerStore;
import org.ledgermta.projections.stats.DeliveryStatistics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class StatisticsConfiguration {

    static final String PROCESSOR = "delivery-statistics";

    @Bean
    DeliveryStatistics deliveryStatistics(LedgerStore store) {
        return new DeliveryStatistics(store.database()).load(Instant.now());
    }

    /**
     * Subscribing, like every view here: a count moves in the unit of work of the attempt it counts. Its own
     * processing group, so that a failing statistics write never holds up the queue view or the pool.
     */
    @Bean
    ConfigurerModule deliveryStatisticsProcessor() {
        return configurer -> configurer.eventProcessing()
                .assignHandlerTypesMatching(PROCESSOR, DeliveryStatistics.class::equals)
                .registerSubscribingEventProcessor(PROCESSOR);
    }
}
