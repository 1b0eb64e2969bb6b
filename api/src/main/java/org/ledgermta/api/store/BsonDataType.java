package org.ledgermta.api.store;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The type of the stand-in's documents and of their positions ({@code _id}s) in its maps: documents stored as
 * BSON and ObjectIds as their 12 bytes, instead of Java serialization.
 *
 * <p>mongo-java-server's H2 backend opens its maps with H2's {@link ObjectDataType}, which writes a document
 * or an ObjectId with an {@code ObjectOutputStream} and reads it back with an {@code ObjectInputStream}. Every
 * commit rewrites each page it touched, every entry on it, and compaction reads and rewrites whole pages, so
 * that serialization was a fifth of the relay benchmark's CPU samples. BSON, through mongo-java-server's own
 * wire codec (the bytes its clients get), costs a fraction of it.
 *
 * <p>Each is written under a tag ObjectDataType never writes; any other value, and a document that would not
 * come back from BSON exactly as it went in ({@link BsonRoundTrip}), is written and read by ObjectDataType as
 * before, and comparison is ObjectDataType's (an ObjectId's own order). A file written before therefore reads
 * unchanged and its pages turn to the compact form as they are rewritten; a file written with this type
 * cannot be read by mongo-java-server's stock backend (H2 stops at "Unknown tag": it never misreads).
 */
class BsonDataType extends ObjectDataType {

    /** Above ObjectDataType's last tag (119, a 15-byte array). */
    static final byte TAG_BSON_DOCUMENT = 127;
    static final byte TAG_OBJECT_ID = 126;
    private static final int OBJECT_ID_BYTES = 12;

    // pages are written by the group-commit thread: one encoding buffer, kept while it stays this small
    private static final int KEPT_ENCODING_BYTES = 1 << 20;
    private static final ThreadLocal<ByteBuf> ENCODING = ThreadLocal.withInitial(() -> Unpooled.buffer(16 << 10));

    // H2 sizes pages by these estimates; as ObjectDataType does for serialized objects: twice the stored
    // size, an exponential moving average per map (a racy int: an estimate)
    private int averageSize = 1024;

    @Override
    public int getMemory(Object value) {
        if (value instanceof Document) {
            return averageSize;
        }
        return isObjectId(value) ? 2 * OBJECT_ID_BYTES + 24 : super.getMemory(value);
    }

    @Override
    public void write(WriteBuffer buff, Object value) {
        if (isObjectId(value)) {
            buff.put(TAG_OBJECT_ID).put(((ObjectId) value).toByteArray());
        } else if (!(value instanceof Document document) || !BsonRoundTrip.holds(document)
                || !writeBson(buff, document)) {
            super.write(buff, value);
        }
    }

    private boolean writeBson(WriteBuffer buff, Document document) {
        ByteBuf bson = ENCODING.get().clear();
        try {
            BsonEncoder.encodeDocument(document, bson);
        } catch (RuntimeException unencodable) {
            return false; // a date beyond BSON's range of milliseconds, say
        } finally {
            if (bson.capacity() > KEPT_ENCODING_BYTES) {
                ENCODING.remove();
            }
        }
        int length = bson.readableBytes();
        averageSize = (int) ((2L * length + 15L * averageSize) / 16);
        buff.put(TAG_BSON_DOCUMENT).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), length);
        return true;
    }

    @Override
    public Object read(ByteBuffer buff) {
        byte tag = buff.get(buff.position());
        if (tag == TAG_OBJECT_ID) {
            buff.get();
            byte[] id = new byte[OBJECT_ID_BYTES];
            buff.get(id);
            return new ObjectId(id);
        }
        if (tag != TAG_BSON_DOCUMENT) {
            return super.read(buff);
        }
        buff.get();
        return readBson(buff);
    }

    /** The BSON document at the buffer's position; the position moves past it. */
    static Document readBson(ByteBuffer buff) {
        ByteBuf bson = Unpooled.wrappedBuffer(buff.slice());
        Document document = BsonDecoder.decodeBson(bson);
        buff.position(buff.position() + bson.readerIndex());
        return document;
    }

    private static boolean isObjectId(Object value) {
        return value != null && value.getClass() == ObjectId.class;
    }
}
