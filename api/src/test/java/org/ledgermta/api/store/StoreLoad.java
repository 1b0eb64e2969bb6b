package org.ledgermta.api.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.bson.Document;

/** What the store benchmarks write: events shaped as Axon stores them, random bodies; and the file's size. */
final class StoreLoad {

    private StoreLoad() {
    }

    static Document event(String aggregate, int sequence, String type, int payloadBytes) {
        return new Document("aggregateIdentifier", aggregate)
                .append("sequenceNumber", sequence)
                .append("type", "OutboundMessage")
                .append("eventIdentifier", UUID.randomUUID().toString())
                .append("timestamp", Instant.now().toString())
                .append("payloadType", "org.ledgermta.domain.message." + type)
                .append("serializedPayload", "x".repeat(payloadBytes));
    }

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    static long storeFileBytes(Path dataDir) {
        try {
            return Files.size(dataDir.resolve(EmbeddedLedgerStore.FILE_NAME));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
