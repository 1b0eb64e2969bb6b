package org.ledgermta.api.graphql;

import java.util.Objects;
import org.ledgermta.domain.AccountId;

/** Who sent a GraphQL request, as its bearer token says: the operator, or one account. */
sealed interface Caller {

    /** Request attribute set by {@link BearerTokenFilter}, then GraphQL context key (see {@link CallerInterceptor}). */
    String ATTRIBUTE = "org.ledgermta.api.graphql.Caller";

    /** Sees every account's messages, the egress pool, and may run the mutations. */
    record Operator() implements Caller {
    }

    /** Sees its own account, messages and sender domains only. */
    record Account(AccountId id) implements Caller {
        public Account {
            Objects.requireNonNull(id, "id is required");
        }
    }

    default boolean operator() {
        return this instanceof Operator;
    }

    /** Refuses whatever is not the operator's to ask: egress IPs, mutations, forensics of the pool. */
    default void requireOperator() {
        if (!operator()) {
            throw new OperatorOnlyException();
        }
    }

    /** Whether this caller may see what belongs to that account. */
    default boolean sees(AccountId owner) {
        return switch (this) {
            case Operator operator -> true;
            case Account account -> account.id().equals(owner);
        };
    }
}
