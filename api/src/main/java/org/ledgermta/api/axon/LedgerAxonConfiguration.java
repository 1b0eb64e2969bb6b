package org.ledgermta.api.axon;

import com.mongodb.client.model.Indexes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.mongodb.MongoMetricsCommandListener;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.saga.repository.MongoSagaStore;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.DocumentPerEventStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.Serializer;
import org.ledgermta.api.config.StoreProperties;
import org.ledgermta.api.store.DurabilityBarrier;
import org.ledgermta.api.store.LedgerStore;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * Axon on MongoDB through axon-mongo (its Boot starter is not published, so its beans are wired here):
 * events, snapshots, tracking tokens and sagas all live in the ledger database.
 */
@Configuration(proxyBeanMethods = false)
public class LedgerAxonConfiguration {

    @Bean(destroyMethod = "close")
    LedgerStore ledgerStore(Environment environment, StoreProperties properties, MeterRegistry meters) {
        // MONGODB_URI in the environment binds to mongodb.uri (Spring relaxed binding); every command is
        // counted and timed by command and collection (mongodb_driver_commands_seconds on /actuator/prometheus)
        return LedgerStore.connect(environment.getProperty("mongodb.uri"), properties,
                new MongoMetricsCommandListener(meters));
    }

    @Bean
    DurabilityBarrier durabilityBarrier(LedgerStore store) {
        return store.durabilityBarrier();
    }

    @Bean
    MongoTemplate axonMongoTemplate(LedgerStore store) {
        return DefaultMongoTemplate.builder().mongoDatabase(store.database()).build();
    }

    @Bean
    @Primary
    Serializer serializer() {
        return LedgerSerializer.create();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    EventStorageEngine eventStorageEngine(MongoTemplate template, Serializer serializer, StoreProperties properties,
                                          LedgerStore store) {
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .mongoTemplate(template)
                .storageStrategy(store.embedded()
                        ? new PointLookupStorageStrategy() : new DocumentPerEventStorageStrategy())
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                // large batches: every read the stand-in cannot answer from a unique index is a scan
                .batchSize(properties.eventBatchSize())
                .build();
        engine.ensureIndexes();
        return engine;
    }

    @Bean
    TokenStore tokenStore(MongoTemplate template, Serializer serializer) {
        return MongoTokenStore.builder().mongoTemplate(template).serializer(serializer).build();
    }

    @Bean
    SagaStore<Object> sagaStore(MongoTemplate template, Serializer serializer) {
        // MongoSagaStore looks sagas up by {sagaType, associations: {key, value}} and creates no index for it
        template.sagaCollection().createIndex(Indexes.ascending("sagaType", "associations"));
        // a delivery of a message never deferred has no saga: known in memory, without a look-up
        return AssociationIndexedSagaStore.over(
                MongoSagaStore.builder().mongoTemplate(template).serializer(serializer).build(),
                template.sagaCollection(), serializer);
    }

    @Bean
    ConfigurerModule ledgerAggregates(StoreProperties properties) {
        return new LedgerAggregates(properties);
    }

    @Bean
    SmartInitializingSingleton durableCommands(CommandBus commandBus, DurabilityBarrier barrier) {
        return () -> commandBus.registerHandlerInterceptor(new DurableCommandInterceptor(barrier));
    }
}
