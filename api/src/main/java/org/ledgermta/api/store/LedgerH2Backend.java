package org.ledgermta.api.store;

import de.bwaldvogel.mongo.MongoDatabase;
import org.h2.mvstore.MVStore;

/**
 * The embedded store's backend: mongo-java-server's H2 backend with {@link LedgerH2Database}s (cheaper index
 * look-ups, documents as BSON), every request keeping its MVStore version readable ({@link VersionPinningH2Backend}).
 */
final class LedgerH2Backend extends VersionPinningH2Backend {

    LedgerH2Backend(MVStore mvStore) {
        super(mvStore);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        // called from H2Backend's constructor for the databases already in the store: use no field of ours
        return LedgerH2Database.open(databaseName, getMvStore(), getCursorRegistry());
    }
}
