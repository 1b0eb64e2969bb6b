package org.ledgermta.api.forensics;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.serialization.Serializer;
import org.ledgermta.api.config.StoreProperties;
import org.ledgermta.api.replay.OperatorOnly;
import org.ledgermta.api.store.LedgerStore;
import org.ledgermta.projections.egress.EgressPool;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
public class ForensicsConfiguration {

    @Bean
    LedgerHistory ledgerHistory(EventStore eventStore, EgressPool pool) {
        return new LedgerHistory(eventStore, pool);
    }

    @Bean
    LedgerEvents ledgerEvents(MongoTemplate template, @Qualifier("eventSerializer") Serializer serializer,
                              StoreProperties properties, LedgerStore store) {
        return new LedgerEvents(template.eventCollection(), serializer, properties.eventBatchSize(),
                store.sortedScan());
    }

    @Bean
    LedgerTimings ledgerTimings(LedgerEvents ledger) {
        return new LedgerTimings(ledger);
    }

    @Bean
    WebMvcConfigurer ledgerTimingsAuthentication(@Value("${mta.api.operator-token:}") String token) {
        return OperatorOnly.guarding(token, LedgerTimingsController.PATH);
    }
}
