package org.ledgermta.api.graphql;

/** An account token asked for what only the operator token may do; GraphQL answers it as FORBIDDEN. */
final class OperatorOnlyException extends RuntimeException {

    static final String MESSAGE = "operator only: this needs the operator token (mta.api.operator-token)";

    OperatorOnlyException() {
        super(MESSAGE);
    }
}
