package org.ledgermta.api.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.saga.repository.MongoSagaStore;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValuesImpl;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledgermta.commands.retry.DeliveryRetrySaga;

/**
 * The retry saga store answers "no saga" for a message never deferred without asking the store, finds
 * the saga of a deferred message through the store, and after a restart knows every saga written before.
 */
class ARetrySagaIsFoundWithoutALookUpPerDeliveryTest {

    private static final Class<DeliveryRetrySaga> RETRY = DeliveryRetrySaga.class;
    private static final AssociationValue DEFERRED = new AssociationValue("messageId", "deferred-message");
    private static final AssociationValue DELIVERED_AT_ONCE = new AssociationValue("messageId", "delivered-at-once");

    @TempDir
    Path dir;

    private final AtomicInteger sagaFinds = new AtomicInteger();
    private final Serializer serializer = LedgerSerializer.create();

    @Test
    void aMessageNeverDeferredCostsNoLookUpAndADeferredOneIsFoundAcrossARestart() {
        MongoServer server = new MongoServer(new H2Backend(dir.resolve("ledger.mv").toString()));
        server.bind("127.0.0.1", 0);
        try (MongoClient client = client(server)) {
            MongoTemplate template = DefaultMongoTemplate.builder().mongoDatabase(client.getDatabase("ledger")).build();
            AssociationIndexedSagaStore store = open(template);
            store.insertSaga(RETRY, "saga-1", new DeliveryRetrySaga(), Set.of(DEFERRED));
            sagaFinds.set(0);

            assertThat(store.findSagas(RETRY, DELIVERED_AT_ONCE)).isEmpty();
            assertThat(sagaFinds).as("look-ups for a message without a saga").hasValue(0);
            assertThat(store.findSagas(RETRY, DEFERRED)).containsExactly("saga-1");

            AssociationIndexedSagaStore restarted = open(template);
            assertThat(restarted.findSagas(RETRY, DEFERRED)).as("after a restart").containsExactly("saga-1");
            assertThat(restarted.findSagas(RETRY, DELIVERED_AT_ONCE)).isEmpty();

            AssociationValuesImpl moved = new AssociationValuesImpl(Set.of(DEFERRED));
            moved.remove(DEFERRED);
            moved.add(DELIVERED_AT_ONCE);
            restarted.updateSaga(RETRY, "saga-1", new DeliveryRetrySaga(), moved);
            assertThat(restarted.findSagas(RETRY, DEFERRED)).as("an association removed").isEmpty();
            assertThat(restarted.findSagas(RETRY, DELIVERED_AT_ONCE)).as("an association added").containsExactly("saga-1");

            restarted.deleteSaga(RETRY, "saga-1", Set.of(DELIVERED_AT_ONCE));
            AssociationIndexedSagaStore restartedAgain = open(template);
            sagaFinds.set(0);
            assertThat(restarted.findSagas(RETRY, DELIVERED_AT_ONCE)).as("an ended saga").isEmpty();
            assertThat(restartedAgain.findSagas(RETRY, DELIVERED_AT_ONCE)).as("an ended saga, restarted").isEmpty();
            assertThat(sagaFinds).as("look-ups once no saga is left").hasValue(0);
        } finally {
            server.shutdownNow();
        }
    }

    private AssociationIndexedSagaStore open(MongoTemplate template) {
        return AssociationIndexedSagaStore.over(
                MongoSagaStore.builder().mongoTemplate(template).serializer(serializer).build(),
                template.sagaCollection(), serializer);
    }

    private MongoClient client(MongoServer server) {
        CommandListener countFinds = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (event.getCommandName().equals("find")) {
                    sagaFinds.incrementAndGet();
                }
            }
        };
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + server.getLocalAddress().getPort()))
                .addCommandListener(countFinds)
                .build());
    }
}
