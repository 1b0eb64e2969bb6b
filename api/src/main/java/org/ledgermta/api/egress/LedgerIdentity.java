package org.ledgermta.api.egress;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.UUID;
import org.bson.Document;

/**
 * A random id the ledger is given once, the first time it is asked: the nodes sharing a ledger share it, and
 * two separate ledgers (two pools, or two test runs) on one Redis never count into each other's keys.
 */
final class LedgerIdentity {

    static final String COLLECTION = "ledger_identity";

    private LedgerIdentity() {
    }

    static String of(MongoDatabase database) {
        var collection = database.getCollection(COLLECTION);
        // an upsert by _id: of two nodes starting at once, one inserts and both read the same id back
        collection.updateOne(Filters.eq("_id", "ledger"),
                Updates.setOnInsert("id", UUID.randomUUID().toString()), new UpdateOptions().upsert(true));
        Document found = collection.find(Filters.eq("_id", "ledger")).first();
        return found.getString("id");
    }
}
