package org.ledgermta.api.graphql;

import graphql.GraphQLContext;
import java.util.List;
import org.bson.conversions.Bson;
import org.ledgermta.domain.message.MessageId;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** Messages and the queue: {@code message}, {@code messages}, {@code queue}, and a message's ledger fields. */
@Controller
class MessageGraph {

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 500;

    record Edge(String cursor, MessageNode node) {
    }

    record PageInfo(boolean hasNextPage, String endCursor) {
    }

    /** {@code query} stays for {@code totalCount}, which is counted only when asked for. */
    record Connection(List<Edge> edges, PageInfo pageInfo, Bson query) {
    }

    private final QueueSearch search;
    private final LedgerStreams ledger;

    MessageGraph(QueueSearch search, LedgerStreams ledger) {
        this.search = search;
        this.ledger = ledger;
    }

    @QueryMapping
    MessageNode message(@Argument String id, @ContextValue(name = Caller.ATTRIBUTE) Caller caller) {
        // another account's message is answered as if there were none: its existence is not the caller's to know
        return search.find(MessageId.of(id.strip())).filter(message -> caller.sees(message.owner())).orElse(null);
    }

    @QueryMapping
    Connection messages(@Argument MessageFilter filter, @Argument Integer first, @Argument String after,
                        @ContextValue(name = Caller.ATTRIBUTE) Caller caller) {
        // the schema's default fills in an omitted first; an explicit null gets the same
        int size = first == null ? DEFAULT_PAGE : first;
        if (size < 0 || size > MAX_PAGE) {
            throw new IllegalArgumentException("first is " + size + ": ask for 0 to " + MAX_PAGE
                    + " messages a page, and follow pageInfo.endCursor for more.");
        }
        Bson query = (filter == null ? MessageFilter.NONE : filter).toQuery(caller);
        // one more than asked for tells whether another page follows
        List<MessageNode> found = search.page(query, after == null ? null : Cursors.queueId(after), size + 1);
        List<Edge> edges = found.stream().limit(size).map(node -> new Edge(Cursors.of(node.id()), node)).toList();
        return new Connection(edges, new PageInfo(found.size() > size,
                edges.isEmpty() ? null : edges.getLast().cursor()), query);
    }

    @SchemaMapping(typeName = "MessageConnection")
    long totalCount(Connection connection) {
        return search.count(connection.query());
    }

    @QueryMapping
    QueueSearch.Summary queue(@ContextValue(name = Caller.ATTRIBUTE) Caller caller) {
        return search.summary(MessageFilter.NONE.toQuery(caller));
    }

    @SchemaMapping(typeName = "Message")
    LedgerStreams.Intake intake(MessageNode message, GraphQLContext context) {
        return LedgerStreams.intake(events(message, context));
    }

    @SchemaMapping(typeName = "Message")
    List<LedgerStreams.Attempt> attempts(MessageNode message, GraphQLContext context) {
        return LedgerStreams.attempts(events(message, context));
    }

    // intake and attempts of one message in one request share one read of its stream
    private List<Object> events(MessageNode message, GraphQLContext context) {
        return context.computeIfAbsent("ledger-stream:" + message.id(), key -> ledger.message(message.id()));
    }
}
