package org.ledgermta.api.graphql;

import com.mongodb.client.model.Filters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.conversions.Bson;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.projections.queue.QueueEntry;

/** The schema's {@code MessageFilter} input; every condition given must hold. */
record MessageFilter(String account, String sender, String recipient, List<QueueEntry.State> state,
                     Instant acceptedFrom, Instant acceptedBefore) {

    static final MessageFilter NONE = new MessageFilter(null, null, null, null, null, null);

    /**
     * The query on {@code queue_view} for this caller: an account caller's own account is always a condition,
     * so a filter naming another account matches nothing rather than widening what it sees.
     */
    Bson toQuery(Caller caller) {
        List<Bson> conditions = new ArrayList<>();
        if (caller instanceof Caller.Account own) {
            conditions.add(Filters.eq("account", own.id().value()));
        }
        if (account != null) {
            conditions.add(Filters.eq("account", new AccountId(account.strip()).value()));
        }
        if (sender != null) {
            String path = sender.strip();
            conditions.add(Filters.eq("sender", path.isEmpty() || path.equals("<>") ? "" : new EmailAddress(path).value()));
        }
        if (recipient != null) {
            String address = new EmailAddress(recipient.strip()).value();
            conditions.add(Filters.or(Filters.eq("pending", address), Filters.eq("bounced.recipient", address)));
        }
        if (state != null && !state.isEmpty()) {
            conditions.add(Filters.in("state", state.stream().map(Enum::name).toList()));
        }
        if (acceptedFrom != null) {
            conditions.add(Filters.gte("acceptedAt", Date.from(acceptedFrom)));
        }
        if (acceptedBefore != null) {
            conditions.add(Filters.lt("acceptedAt", Date.from(acceptedBefore)));
        }
        return conditions.isEmpty() ? Filters.empty() : Filters.and(conditions);
    }
}
