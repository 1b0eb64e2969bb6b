package org.ledgermta.api.forensics;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.ledgermta.projections.egress.EgressPool;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class ForensicsConfiguration {

    @Bean
    LedgerHistory ledgerHistory(EventStore eventStore, EgressPool pool) {
        return new LedgerHistory(eventStore, pool);
    }
}
