package org.ledgermta.api.graphql;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import org.ledgermta.api.forensics.LedgerHistory;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.message.MessageId;
import org.ledgermta.projections.history.EgressIpState;
import org.ledgermta.projections.history.MessageState;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** The ledger's past through {@link LedgerHistory}: a message's events, a message or the pool as of an instant. */
@Controller
class ForensicsGraph {

    record LedgerEvent(long sequence, String type, Instant at, Object payload) {
    }

    record MessageAsOf(String id, String account, String sender, String state, List<String> pending,
                       List<String> delivered, List<String> bounced, int attemptCount, List<String> ipsTried,
                       Instant nextAttemptAt, String lastReply, Instant acceptedAt, Instant expiresAt, Instant asOf) {
        static MessageAsOf of(MessageState state) {
            return new MessageAsOf(state.messageId(), state.account(), state.sender(), state.state(), state.pending(),
                    state.delivered(), state.bounced(), state.attempts(), state.ipsTried(), state.nextAttemptAt(),
                    state.lastReply(), state.acceptedAt(), state.expiresAt(), state.asOf());
        }
    }

    // the ledger's own way of writing events: ISO-8601 instants and durations
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .build();

    private final LedgerHistory history;

    ForensicsGraph(LedgerHistory history) {
        this.history = history;
    }

    /** The parent message was already checked against the caller. */
    @SchemaMapping(typeName = "Message")
    List<LedgerEvent> events(MessageNode message) {
        return history.messageEvents(MessageId.of(message.id())).stream()
                .map(entry -> new LedgerEvent(entry.sequence(), entry.type(), entry.timestamp(),
                        JSON.convertValue(entry.payload(), Object.class)))
                .toList();
    }

    @QueryMapping
    MessageAsOf messageAsOf(@Argument String id, @Argument Instant at,
                            @ContextValue(name = Caller.ATTRIBUTE) Caller caller) {
        return history.messageAsOf(MessageId.of(id.strip()), at)
                .filter(state -> caller.sees(new AccountId(state.account())))
                .map(MessageAsOf::of).orElse(null);
    }

    @QueryMapping
    List<EgressIpState> egressIpsAsOf(@Argument Instant at, @ContextValue(name = Caller.ATTRIBUTE) Caller caller) {
        caller.requireOperator();
        return history.egressIpsAsOf(at);
    }
}
