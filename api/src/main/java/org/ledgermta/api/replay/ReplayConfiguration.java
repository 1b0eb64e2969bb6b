package org.ledgermta.api.replay;

import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.ledgermta.api.forensics.LedgerEvents;
import org.ledgermta.api.store.LedgerStore;
import org.ledgermta.projections.account.AccountDirectory;
import org.ledgermta.projections.account.MongoAccountViewStore;
import org.ledgermta.projections.egress.EgressPool;
import org.ledgermta.projections.queue.QueueView;
import org.ledgermta.projections.sender.SenderDomainDirectory;
import org.ledgermta.projections.stats.DeliveryStatistics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
public class ReplayConfiguration {

    @Bean
    ReplayService replayService(LedgerStore store, LedgerEvents ledger, QueueView queue, EgressPool pool,
                                AccountDirectory accounts, SenderDomainDirectory senders,
                                DeliveryStatistics statistics, EventStore eventStore,
                                ApplicationEventPublisher publisher) {
        List<ReplayService.View> views = List.of(
                new ReplayService.View(QueueView.COLLECTION, queue, queue::forget),
                new ReplayService.View(EgressPool.COLLECTION, pool, pool::load),
                new ReplayService.View(MongoAccountViewStore.COLLECTION, accounts, accounts::load),
                new ReplayService.View(SenderDomainDirectory.COLLECTION, senders, senders::load),
                // after the queue view: the statistics read a message's account from it
                new ReplayService.View(DeliveryStatistics.COLLECTION, statistics,
                        () -> statistics.load(java.time.Instant.now())));
        return new ReplayService(ledger, store.database(), views, eventStore, publisher);
    }

    @Bean
    WebMvcConfigurer replayAuthentication(@Value("${mta.api.operator-token:}") String token) {
        return OperatorOnly.guarding(token, ReplayController.PATH);
    }
}
