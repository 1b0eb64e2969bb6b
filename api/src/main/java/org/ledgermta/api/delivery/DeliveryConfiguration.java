package org.ledgermta.api.delivery;

import io.lettuce.core.api.StatefulRedisConnection;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.SplittableRandom;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.ledgermta.api.egress.EgressGate;
import org.ledgermta.api.egress.WarmUpSettings;
import org.ledgermta.api.intake.IntakePipeline;
import org.ledgermta.api.intake.IntakeProperties;
import org.ledgermta.api.sender.DnsServers;
import org.ledgermta.api.store.LedgerStore;
import org.ledgermta.commands.retry.DeliveryRetrySaga;
import org.ledgermta.commands.retry.RetryPlan;
import org.ledgermta.delivery.body.MessageBodyStore;
import org.ledgermta.delivery.dns.DeliveryRoutes;
import org.ledgermta.delivery.dns.MxResolver;
import org.ledgermta.delivery.dns.RedisDnsCache;
import org.ledgermta.delivery.dns.StaticRoutes;
import org.ledgermta.delivery.smtp.SmtpClientSettings;
import org.ledgermta.delivery.smtp.SmtpDelivery;
import org.ledgermta.domain.classification.ReplyClassifier;
import org.ledgermta.domain.egress.PoolName;
import org.ledgermta.domain.retry.RetrySchedule;
import org.ledgermta.projections.egress.EgressPool;
import org.ledgermta.projections.queue.QueueView;
import org.ledgermta.api.account.OperatorTokenInterceptor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class DeliveryConfiguration {

    static final String VIEWS = "ledger-views";
    static final String FEED = "delivery-feed";
    static final String RETRY_SAGA = "DeliveryRetrySagaProcessor";

    @Bean
    EgressPool egressPool(LedgerStore store) {
        return new EgressPool(store.database()).load();
    }

    @Bean
    QueueView queueView(LedgerStore store) {
        return new QueueView(store.database());
    }

    /**
     * Subscribing processors only: the pool, the queue view and the saga change inside the unit of work
     * that records the fact, so an IP block reaches every message at once and a retry is scheduled in the
     * same commit as the deferral that needs it.
     */
    @Bean
    ConfigurerModule deliveryProcessors() {
        return configurer -> configurer.eventProcessing()
                .assignHandlerTypesMatching(VIEWS, type -> type == EgressPool.class || type == QueueView.class)
                .assignHandlerTypesMatching(FEED, type -> type == DeliveryFeed.class || type == BounceNotifier.class)
                .registerSubscribingEventProcessor(VIEWS)
                .registerSubscribingEventProcessor(FEED)
                .registerSaga(DeliveryRetrySaga.class)
                .registerSubscribingEventProcessor(RETRY_SAGA);
    }

    @Bean
    RetryPlan retryPlan(IntakeProperties intake, DeliveryProperties delivery) {
        RetrySchedule schedule = RetrySchedule.parse(intake.retry().intervals(),
                intake.retry().maxAge().toSeconds() + "s");
        return new RetryPlan(schedule, delivery.delivery().blockedRetryDelay());
    }

    @Bean
    DeliveryRoutes deliveryRoutes(DeliveryProperties properties, StatefulRedisConnection<String, String> redis) {
        InetSocketAddress dnsServer = properties.dns().resolver().isBlank()
                ? MxResolver.systemDnsServer()
                : DnsServers.parse(properties.dns().resolver());
        MxResolver resolver = new MxResolver(dnsServer, properties.dns().timeout(), properties.delivery().port(),
                new SplittableRandom(), new RedisDnsCache(redis, RedisDnsCache.DEFAULT_KEY_PREFIX));
        return new DeliveryRoutes(StaticRoutes.parse(properties.routes()), resolver);
    }

    @Bean(destroyMethod = "close")
    SmtpDelivery smtpDelivery() {
        return new SmtpDelivery(SmtpClientSettings.defaults());
    }

    @Bean
    DeliveryAttempts deliveryAttempts(DeliveryRoutes routes, SmtpDelivery smtp, EgressPool pool, EgressGate gate,
                                      MessageBodyStore bodies, CommandGateway commands) {
        return new DeliveryAttempts(routes, smtp, pool, gate, bodies, commands, ReplyClassifier.standard(),
                Clock.systemUTC());
    }

    @Bean
    DeliveryDispatcher deliveryDispatcher(DeliveryAttempts attempts, QueueView queueView, EgressPool pool,
                                          DeliveryProperties properties) {
        DeliveryDispatcher dispatcher = new DeliveryDispatcher(attempts, queueView,
                properties.delivery().concurrency(), properties.delivery().enabled(), Clock.systemUTC());
        pool.addListener(dispatcher);
        return dispatcher;
    }

    @Bean
    OperatorActions operatorActions(CommandGateway commands, EgressPool pool, WarmUpSettings warmUp) {
        return new OperatorActions(commands, pool, warmUp, Clock.systemUTC());
    }

    @Bean
    DeliveryFeed deliveryFeed(DeliveryDispatcher dispatcher) {
        return new DeliveryFeed(dispatcher);
    }

    @Bean(destroyMethod = "close")
    BounceNotifier bounceNotifier(QueueView queueView, MessageBodyStore bodies, CommandGateway commands,
                                  IntakePipeline intake, IntakeProperties properties) {
        return new BounceNotifier(queueView, bodies, commands, intake.hostname(), properties.retry().maxAge(),
                Clock.systemUTC());
    }

    @Bean
    EgressPoolSetup egressPoolSetup(DeliveryProperties properties, WarmUpSettings warmUp, EgressPool pool,
                                    CommandGateway commands, IntakePipeline intake) {
        return new EgressPoolSetup(EgressIpSetting.parse(properties.egress().ips(), intake.hostname()), warmUp,
                new PoolName(properties.egress().pool()), pool, commands, Clock.systemUTC());
    }

    /** The operator token guards these paths; POST /api/v1/messages itself is the accounts' submission. */
    @Bean
    WebMvcConfigurer operatorActionsAuthentication(@Value("${mta.api.operator-token:}") String token) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new OperatorTokenInterceptor(token))
                        .addPathPatterns(OperatorController.EGRESS, OperatorController.EGRESS + "/**", OperatorController.MESSAGES + "/*/*");
            }
        };
    }
}
