package org.ledgermta.delivery.body;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.message.MessageBody;

class MessageBodyStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    private MongoServer server;
    private MongoClient client;
    private MongoDatabase database;
    private MessageBodyStore store;

    private final List<String> finds = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startStore() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.bindAndGetConnectionString()))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        if (event.getCommandName().equals("find")) {
                            finds.add(event.getCommand().getString("find").getValue());
                        }
                    }
                }).build());
        database = client.getDatabase("bodies-test");
        store = new MessageBodyStore(database);
    }

    @AfterEach
    void stopStore() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void aBodyLargerThanOneChunkComesBackByteForByte() {
        byte[] content = new byte[MessageBodyStore.CHUNK_SIZE * 2 + 12345];
        new Random(7).nextBytes(content);

        MessageBody reference = store.store(content, NOW);

        assertThat(reference.sizeBytes()).isEqualTo(content.length);
        assertThat(reference.sha256()).isEqualTo(MessageBodyStore.sha256(content));
        assertThat(store.load(reference)).hasValueSatisfying(loaded -> assertThat(loaded).isEqualTo(content));
        assertThat(database.getCollection("message_bodies").countDocuments()).isEqualTo(3 + 1);
    }

    @Test
    void theSameContentIsStoredOnce() {
        byte[] content = "Subject: hello\r\n\r\nsame bytes\r\n".getBytes();

        MessageBody first = store.store(content, NOW);
        MessageBody second = store.store(content.clone(), NOW.plusSeconds(60));

        assertThat(second).isEqualTo(first);
        assertThat(database.getCollection("message_bodies").countDocuments()).isEqualTo(1);
    }

    @Test
    void aBodyJustStoredIsLoadedWithoutReadingItBack() {
        byte[] content = "Subject: hello\r\n\r\ndelivered a moment after its acceptance\r\n".getBytes();
        MessageBody reference = store.store(content, NOW);

        assertThat(store.load(reference)).hasValueSatisfying(loaded -> assertThat(loaded).isEqualTo(content));
        assertThat(finds).isEmpty();

        // after a restart nothing is in memory: the first load reads the store, the next one does not
        MessageBodyStore restarted = new MessageBodyStore(database);
        assertThat(restarted.load(reference)).hasValueSatisfying(loaded -> assertThat(loaded).isEqualTo(content));
        assertThat(restarted.load(reference)).hasValueSatisfying(loaded -> assertThat(loaded).isEqualTo(content));
        assertThat(finds).containsExactly("message_bodies");
    }

    @Test
    void anEmptyBodyIsStoredAndLoaded() {
        MessageBody reference = store.store(new byte[0], NOW);

        assertThat(store.load(reference)).hasValueSatisfying(loaded -> assertThat(loaded).isEmpty());
    }

    @Test
    void anUnknownReferenceLoadsNothing() {
        MessageBody unknown = new MessageBody(MessageBodyStore.sha256(new byte[] {1, 2, 3}), 3);

        assertThat(store.load(unknown)).isEmpty();
    }
}
