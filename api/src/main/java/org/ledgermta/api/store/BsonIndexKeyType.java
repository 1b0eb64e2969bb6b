package org.ledgermta.api.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.h2.mvstore.WriteBuffer;

/**
 * The key type of a new store's unique-index maps ({@link IndexKeyFormat#BSON}): each key stored as a BSON
 * document of its values ({@code {"0": v0, "1": v1, ...}}) and ordered by those bytes, instead of by its Java
 * serialization ({@link IndexKeyType}, the order a store of before keeps).
 *
 * <p>The order only has to be a total one that holds two keys equal exactly when they hold the same values of
 * the same BSON types: mongo-java-server looks keys up by equality and walks the whole map for anything else.
 * A key whose values would not come back from BSON as they went in ({@link BsonRoundTrip}) is stored by Java
 * serialization, as before; it never equals a BSON key, and a key always takes the same form.
 */
final class BsonIndexKeyType extends BsonDataType {

    static final byte TAG_BSON_KEY = 125;
    // the field names of a key's values: "0", "1", … (a key of more values than this names the rest as it goes)
    private static final String[] POSITIONS = IntStream.range(0, 32).mapToObj(Integer::toString).toArray(String[]::new);

    private final RecentKeyBytes recent = new RecentKeyBytes();

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue x && b instanceof KeyValue y) {
            return recent.compare(x, y, this::encode);
        }
        return super.compare(a, b);
    }

    @Override
    public int getMemory(Object value) {
        return value instanceof KeyValue key ? 2 * encoded(key).length + 32 : super.getMemory(value);
    }

    @Override
    public void write(WriteBuffer buff, Object value) {
        if (value instanceof KeyValue key) {
            buff.put(encoded(key));
        } else {
            super.write(buff, value);
        }
    }

    @Override
    public Object read(ByteBuffer buff) {
        if (buff.get(buff.position()) != TAG_BSON_KEY) {
            return super.read(buff);
        }
        int start = buff.position();
        buff.get();
        KeyValue key = new KeyValue(readBson(buff).values());
        byte[] bytes = new byte[buff.position() - start];
        buff.get(start, bytes);
        recent.remember(key, bytes);
        return key;
    }

    // the bytes a key is stored as, which are also its order: the tag, then BSON or Java serialization
    private byte[] encoded(KeyValue key) {
        return recent.of(key, this::encode);
    }

    private byte[] encode(KeyValue key) {
        byte[] bson = BsonRoundTrip.holdsAll(key) ? bson(key) : null;
        return bson != null ? bson : serialized(key);
    }

    // null when BSON cannot hold it after all (a date beyond its range of milliseconds)
    private static byte[] bson(KeyValue key) {
        Document values = new Document();
        for (int i = 0; i < key.size(); i++) {
            values.put(i < POSITIONS.length ? POSITIONS[i] : Integer.toString(i), key.get(i));
        }
        ByteBuf bson = Unpooled.buffer(64);
        bson.writeByte(TAG_BSON_KEY);
        try {
            BsonEncoder.encodeDocument(values, bson);
        } catch (RuntimeException unencodable) {
            return null;
        }
        return Arrays.copyOfRange(bson.array(), bson.arrayOffset(), bson.arrayOffset() + bson.writerIndex());
    }

    private byte[] serialized(KeyValue key) {
        WriteBuffer buffer = new WriteBuffer(256);
        super.write(buffer, key);
        ByteBuffer written = buffer.getBuffer().flip();
        byte[] bytes = new byte[written.remaining()];
        written.get(bytes);
        return bytes;
    }
}
