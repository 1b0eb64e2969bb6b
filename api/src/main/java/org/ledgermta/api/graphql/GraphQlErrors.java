package org.ledgermta.api.graphql;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.ledgermta.api.store.StoreUnavailableException;
import org.ledgermta.domain.CommandRefusedException;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;

/**
 * Failures as GraphQL errors with a sentence that says what to do, classified as the admin API answers them
 * in HTTP: bad input and refused actions BAD_REQUEST, unknown ids NOT_FOUND, account tokens FORBIDDEN.
 * Anything else stays Spring's INTERNAL_ERROR, which shows no exception text.
 */
final class GraphQlErrors extends DataFetcherExceptionResolverAdapter {

    @Override
    protected GraphQLError resolveToSingleError(Throwable failure, DataFetchingEnvironment environment) {
        return switch (failure) {
            case OperatorOnlyException e -> error(environment, ErrorType.FORBIDDEN, e.getMessage());
            case CommandRefusedException e -> error(environment, ErrorType.BAD_REQUEST, e.getReason());
            case AggregateNotFoundException e -> error(environment, ErrorType.NOT_FOUND,
                    "There is no '" + e.getAggregateIdentifier() + "' in the ledger.");
            case StoreUnavailableException e -> error(environment, ErrorType.INTERNAL_ERROR,
                    "The change was not recorded: " + e.getMessage() + " Try again once the store answers.");
            case IllegalArgumentException e -> error(environment, ErrorType.BAD_REQUEST, e.getMessage());
            default -> null;
        };
    }

    private static GraphQLError error(DataFetchingEnvironment environment, ErrorType type, String message) {
        return GraphqlErrorBuilder.newError(environment).errorType(type).message(message).build();
    }
}
