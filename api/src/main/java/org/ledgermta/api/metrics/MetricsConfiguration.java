package org.ledgermta.api.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.axonframework.config.ConfigurerModule;
import org.ledgermta.projections.egress.EgressPool;
import org.ledgermta.projections.queue.QueueView;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ledger's counters and gauges at /actuator/prometheus (see LedgerMetrics, QueueDepth, ProcessorActivity). */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    static final String PROCESSOR = "ledger-metrics";

    @Bean
    LedgerMetrics ledgerMetrics(MeterRegistry registry, EgressPool pool) {
        return new LedgerMetrics(registry, pool);
    }

    @Bean
    QueueDepth queueDepth(QueueView queueView, MeterRegistry registry) {
        return new QueueDepth(queueView, registry);
    }

    @Bean
    ProcessorActivity processorActivity(MeterRegistry registry) {
        return new ProcessorActivity(registry, Clock.systemUTC());
    }

    /**
     * Subscribing, like every processor here: a counter moves in the unit of work of the fact it counts.
     * The activity interceptor goes on every processor, to show each one's lag and idle time.
     */
    @Bean
    ConfigurerModule metricsProcessor(ProcessorActivity activity) {
        return configurer -> configurer.eventProcessing()
                .assignHandlerTypesMatching(PROCESSOR, type -> type == LedgerMetrics.class || type == QueueDepth.class)
                .registerSubscribingEventProcessor(PROCESSOR)
                .registerDefaultHandlerInterceptor((configuration, processor) -> activity.watch(processor));
    }
}
