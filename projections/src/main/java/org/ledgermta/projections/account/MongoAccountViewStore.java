package org.ledgermta.projections.account;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.account.Cidr;
import org.ledgermta.domain.account.PasswordHash;
import org.ledgermta.domain.limit.VolumeLimits;
import org.ledgermta.domain.sender.SenderPolicy;

/**
 * One document per account in {@code account_view}, keyed by the account id as {@code _id}: the only
 * look-up is by _id, the one query the embedded stand-in answers from an index.
 */
public final class MongoAccountViewStore implements AccountViewStore {

    public static final String COLLECTION = "account_view";

    private final MongoCollection<Document> collection;

    public MongoAccountViewStore(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    @Override
    public List<AccountView> loadAll() {
        List<AccountView> views = new ArrayList<>();
        for (Document document : collection.find()) {
            views.add(fromDocument(document));
        }
        return views;
    }

    @Override
    public void save(AccountView view) {
        collection.replaceOne(Filters.eq("_id", view.id().value()), toDocument(view),
                new ReplaceOptions().upsert(true));
    }

    static Document toDocument(AccountView view) {
        Document limits = new Document();
        putIfSet(limits, "perMinute", view.limits().perMinute());
        putIfSet(limits, "perHour", view.limits().perHour());
        putIfSet(limits, "perDay", view.limits().perDay());
        return new Document("_id", view.id().value())
                .append("networks", view.networks().stream().map(Cidr::value).toList())
                .append("passwordHash", view.passwordHash() == null ? null : view.passwordHash().encoded())
                .append("limits", limits)
                .append("suspended", view.suspended())
                .append("senderPolicy", view.senderPolicy().name());
    }

    static AccountView fromDocument(Document document) {
        Document limits = document.get("limits", new Document());
        String hash = document.getString("passwordHash");
        return new AccountView(
                new AccountId(document.getString("_id")),
                document.getList("networks", String.class, List.of()).stream().map(Cidr::new).toList(),
                hash == null ? null : new PasswordHash(hash),
                new VolumeLimits(asLong(limits.get("perMinute")), asLong(limits.get("perHour")),
                        asLong(limits.get("perDay"))),
                document.getBoolean("suspended", false),
                SenderPolicy.valueOf(document.getString("senderPolicy") == null
                        ? SenderPolicy.ACCEPT_AND_FLAG.name() : document.getString("senderPolicy")));
    }

    private static void putIfSet(Document document, String key, Long value) {
        if (value != null) {
            document.append(key, value);
        }
    }

    private static Long asLong(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
