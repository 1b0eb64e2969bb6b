package org.ledgermta.api.graphql;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.ledgermta.api.store.LedgerStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * The GraphQL API's wiring: the bearer token check in front of {@code spring.graphql.http.path}, the caller
 * handed to the data fetchers, the schema's scalars and error messages, and the read side it queries.
 * GraphiQL ({@code spring.graphql.graphiql.path}) is only a static page and is served without a token; the
 * queries it sends go to the guarded endpoint and need the token in its Headers tab.
 */
@Configuration(proxyBeanMethods = false)
public class GraphQlConfiguration {

    private static final Logger log = LoggerFactory.getLogger(GraphQlConfiguration.class);

    @Bean
    BearerTokens bearerTokens(ApiTokenProperties properties) {
        BearerTokens tokens = new BearerTokens(properties);
        if (!tokens.anyConfigured()) {
            log.warn("No API token is configured (mta.api.operator-token, mta.api.account-tokens.<account>):"
                    + " every GraphQL request will be answered 401.");
        }
        return tokens;
    }

    // a registration only, not the filter as a bean: Boot would put a filter bean in front of every path
    @Bean
    FilterRegistrationBean<BearerTokenFilter> graphQlBearerTokenFilter(
            BearerTokens tokens, @Value("${spring.graphql.http.path:/graphql}") String path) {
        FilterRegistrationBean<BearerTokenFilter> registration = new FilterRegistrationBean<>(new BearerTokenFilter(tokens));
        registration.addUrlPatterns(path, path + "/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.setName("graphQlBearerTokenFilter");
        return registration;
    }

    @Bean
    CallerInterceptor graphQlCallerInterceptor() {
        return new CallerInterceptor();
    }

    @Bean
    RuntimeWiringConfigurer graphQlScalars() {
        return wiring -> wiring.scalar(Scalars.DATE_TIME).scalar(Scalars.JSON);
    }

    @Bean
    GraphQlErrors graphQlErrors() {
        return new GraphQlErrors();
    }

    @Bean
    QueueSearch queueSearch(LedgerStore store) {
        return new QueueSearch(store.database());
    }

    @Bean
    LedgerStreams ledgerStreams(EventStore eventStore) {
        return new LedgerStreams(eventStore);
    }
}
