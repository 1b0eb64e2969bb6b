package org.ledgermta.domain;

/**
 * A command that is not valid in the aggregate's current state. The reason is a sentence that names the
 * aggregate, so it can go to an operator or API client unchanged.
 */
public class CommandRefusedException extends RuntimeException {

    private final String aggregateIdentifier;
    private final String reason;

    public CommandRefusedException(String aggregateIdentifier, String reason) {
        super(reason);
        this.aggregateIdentifier = aggregateIdentifier;
        this.reason = reason;
    }

    public String getAggregateIdentifier() {
        return aggregateIdentifier;
    }

    public String getReason() {
        return reason;
    }
}
