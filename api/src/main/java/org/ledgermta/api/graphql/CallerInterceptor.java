package org.ledgermta.api.graphql;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import reactor.core.publisher.Mono;

/**
 * Hands the caller that {@link BearerTokenFilter} found on to the data fetchers (as the GraphQL context value
 * {@link Caller#ATTRIBUTE}). A request that reached GraphQL without one, by a path the filter does not
 * cover, is not executed at all.
 */
final class CallerInterceptor implements WebGraphQlInterceptor {

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        if (!(request.getAttributes().get(Caller.ATTRIBUTE) instanceof Caller caller)) {
            return Mono.error(new IllegalStateException("GraphQL request to " + request.getUri()
                    + " passed no bearer token check: the token filter must cover every GraphQL path"));
        }
        request.configureExecutionInput((input, builder) ->
                builder.graphQLContext(context -> context.put(Caller.ATTRIBUTE, caller)).build());
        return chain.next(request);
    }
}
