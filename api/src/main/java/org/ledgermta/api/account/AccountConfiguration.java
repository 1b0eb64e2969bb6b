package org.ledgermta.api.account;

import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.ledgermta.api.store.LedgerStore;
import org.ledgermta.projections.account.AccountDirectory;
import org.ledgermta.projections.account.MongoAccountViewStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
public class AccountConfiguration {

    static final String DIRECTORY_PROCESSOR = "account-directory";

    @Bean
    PasswordHasher passwordHasher() {
        return new PasswordHasher();
    }

    @Bean
    AccountDirectory accountDirectory(LedgerStore store) {
        return new AccountDirectory(new MongoAccountViewStore(store.database())).load();
    }

    // Subscribing: the directory is updated inside the command's unit of work, so the admin API, the
    // seeder and the intake see an account as soon as the command that created it returns.
    @Bean
    ConfigurerModule accountDirectoryProcessor() {
        return configurer -> configurer.eventProcessing()
                .assignHandlerTypesMatching(DIRECTORY_PROCESSOR, AccountDirectory.class::equals)
                .registerSubscribingEventProcessor(DIRECTORY_PROCESSOR);
    }

    @Bean
    AccountsProperties accountsProperties(Environment environment) {
        return AccountsProperties.bind(environment);
    }

    @Bean
    AccountSeeder accountSeeder(AccountsProperties properties, AccountDirectory directory, PasswordHasher hasher,
                                CommandGateway commands) {
        return new AccountSeeder(properties, directory, hasher, commands, Clock.systemUTC());
    }

    @Bean
    WebMvcConfigurer adminApiAuthentication(@Value("${mta.api.operator-token:}") String operatorToken) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new OperatorTokenInterceptor(operatorToken))
                        .addPathPatterns(AccountAdminController.PATH, AccountAdminController.PATH + "/**");
            }
        };
    }
}
