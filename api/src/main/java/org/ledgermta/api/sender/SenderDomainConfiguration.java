package org.ledgermta.api.sender;

import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.ledgermta.api.delivery.DeliveryProperties;
import org.ledgermta.api.intake.MessageSigning;
import org.ledgermta.api.store.LedgerStore;
import org.ledgermta.delivery.dns.MxResolver;
import org.ledgermta.delivery.records.RecordCheck;
import org.ledgermta.projections.egress.EgressPool;
import org.ledgermta.projections.sender.SenderDomainDirectory;
import org.ledgermta.api.account.OperatorTokenInterceptor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class SenderDomainConfiguration {

    static final String DIRECTORY = "sender-domain-directory";

    @Bean
    SenderDomainDirectory senderDomainDirectory(LedgerStore store) {
        return new SenderDomainDirectory(store.database()).load();
    }

    /** Subscribing: a domain registered by an API call signs the next message accepted after the call. */
    @Bean
    ConfigurerModule senderDomainProcessor() {
        return configurer -> configurer.eventProcessing()
                .assignHandlerTypesMatching(DIRECTORY, SenderDomainDirectory.class::equals)
                .registerSubscribingEventProcessor(DIRECTORY);
    }

    @Bean
    SenderDomains senderDomains(CommandGateway commands, SenderDomainDirectory directory, EgressPool pool,
                                SenderDomainProperties properties, DeliveryProperties delivery) {
        RecordCheck check = new RecordCheck(delivery.dns().resolver().isBlank()
                ? MxResolver.systemDnsServer() : DnsServers.parse(delivery.dns().resolver()), delivery.dns().timeout());
        SenderDomains senders = new SenderDomains(commands, directory, pool, properties, check, Clock.systemUTC());
        senders.openEveryActiveKey();
        return senders;
    }

    @Bean
    WebMvcConfigurer senderDomainsAuthentication(@Value("${mta.api.operator-token:}") String token) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new OperatorTokenInterceptor(token))
                        .addPathPatterns(SenderDomainController.PATH, SenderDomainController.PATH + "/**");
            }
        };
    }

    @Bean
    MessageSigning messageSigning(SenderDomains senders) {
        return new MessageSigning(senders);
    }
}
