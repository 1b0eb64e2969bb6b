package org.ledgermta.api.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.function.Function;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server on an MVStore file, with the backend a test chooses (H2's own or ours), and a driver
 * client on it. Closing it commits and closes the store, as a clean stop of the service does.
 */
final class StandInServer implements AutoCloseable {

    static final Function<MVStore, H2Backend> H2 = H2Backend::new;
    static final Function<MVStore, H2Backend> LEDGER = LedgerH2Backend::new;

    final MVStore mvStore;
    private final H2Backend backend;
    private final MongoServer server;
    private final MongoClient client;

    private StandInServer(MVStore mvStore, H2Backend backend) {
        this.mvStore = mvStore;
        this.backend = backend;
        this.server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        this.client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    }

    static StandInServer open(Path file, Function<MVStore, H2Backend> backend, int cacheMegabytes) {
        MVStore mvStore = new MVStore.Builder().fileName(file.toString()).cacheSize(cacheMegabytes).open();
        return new StandInServer(mvStore, backend.apply(mvStore));
    }

    static StandInServer open(Path file, Function<MVStore, H2Backend> backend) {
        return open(file, backend, 16);
    }

    MongoDatabase database() {
        return client.getDatabase("ledger");
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
        backend.close();
    }
}
