package org.ledgermta.delivery.body;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.Binary;
import org.ledgermta.domain.message.MessageBody;

/**
 * Message bodies, stored once per content (keyed by SHA-256) and never inside events.
 *
 * <p>A body of at most {@value #CHUNK_SIZE} bytes (nearly all mail) is one document, {@code <sha256>}, holding
 * its bytes: one insert to store, one read to load. A larger one is split into chunks of that size, each
 * its own document with the id {@code <sha256>#<n>}, followed by a head document with the id
 * {@code <sha256>}. The head is written last, so a head means the whole body is there. Every read is an exact {@code _id} lookup, the one query
 * the embedded stand-in answers from an index, and the one that is cheapest on real MongoDB too. (GridFS
 * would look chunks up by a non-unique {@code files_id}: a collection scan on the stand-in.)
 *
 * <p>The bodies stored or loaded last (up to {@value #RECENT_BYTES} bytes) are also kept in memory, so the
 * delivery that follows an acceptance within a second does not read its body back.
 */
public final class MessageBodyStore {

    static final int CHUNK_SIZE = 1 << 20;
    static final long RECENT_BYTES = 32L << 20;
    private static final String COLLECTION = "message_bodies";

    private final MongoCollection<Document> bodies;
    private final RecentBodies recent;

    public MessageBodyStore(MongoDatabase database) {
        this(database, RECENT_BYTES);
    }

    MessageBodyStore(MongoDatabase database, long recentBytes) {
        this.bodies = database.getCollection(COLLECTION);
        this.recent = new RecentBodies(recentBytes);
    }

    /** Stores the body unless the same content is already stored; either way returns its reference. */
    public MessageBody store(byte[] content, Instant storedAt) {
        String sha256 = sha256(content);
        MessageBody reference = new MessageBody(sha256, content.length);
        if (content.length <= CHUNK_SIZE) {
            // no look-up first: an insert of content already stored fails on its _id, which says the same
            insertOnce(head(sha256, content.length, 1, storedAt).append("data", new Binary(content)));
            recent.put(sha256, content);
            return reference;
        }
        if (bodies.find(new Document("_id", sha256)).projection(new Document("_id", 1)).first() != null) {
            return reference;
        }
        int chunks = Math.max(1, (content.length + CHUNK_SIZE - 1) / CHUNK_SIZE);
        for (int n = 0; n < chunks; n++) {
            int from = n * CHUNK_SIZE;
            int to = Math.min(content.length, from + CHUNK_SIZE);
            byte[] chunk = Arrays.copyOfRange(content, from, to);
            insertOnce(new Document("_id", sha256 + "#" + n).append("data", new Binary(chunk)));
        }
        insertOnce(head(sha256, content.length, chunks, storedAt));
        return reference;
    }

    private static Document head(String sha256, long size, int chunks, Instant storedAt) {
        return new Document("_id", sha256)
                .append("size", size)
                .append("chunks", chunks)
                .append("storedAt", Date.from(storedAt));
    }

    /** The stored content, or empty when no complete body with this reference exists. */
    public Optional<byte[]> load(MessageBody reference) {
        Optional<byte[]> known = recent.get(reference.sha256());
        if (known.isPresent()) {
            return known;
        }
        Optional<byte[]> stored = read(reference);
        stored.ifPresent(content -> recent.put(reference.sha256(), content));
        return stored;
    }

    private Optional<byte[]> read(MessageBody reference) {
        Document head = bodies.find(new Document("_id", reference.sha256())).first();
        if (head == null) {
            return Optional.empty();
        }
        Binary inline = head.get("data", Binary.class);
        if (inline != null) {
            return Optional.of(inline.getData());
        }
        int chunks = head.getInteger("chunks");
        ByteArrayOutputStream content = new ByteArrayOutputStream((int) reference.sizeBytes());
        for (int n = 0; n < chunks; n++) {
            Document chunk = bodies.find(new Document("_id", reference.sha256() + "#" + n)).first();
            if (chunk == null) {
                throw new IllegalStateException("message body " + reference.sha256() + " has a head but lacks chunk " + n);
            }
            content.writeBytes(chunk.get("data", Binary.class).getData());
        }
        return Optional.of(content.toByteArray());
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    private void insertOnce(Document document) {
        try {
            bodies.insertOne(document);
        } catch (MongoWriteException e) {
            // the same content stored concurrently by another session: identical bytes, nothing to do
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }
}
