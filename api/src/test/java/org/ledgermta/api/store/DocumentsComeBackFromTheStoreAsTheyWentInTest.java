package org.ledgermta.api.store;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.DataType;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every value a stand-in document can hold comes back from {@link BsonDataType} equal and of the same
 * Java type, stored as BSON where BSON keeps it exactly and by Java serialization where it would not; an
 * ObjectId (a position) is stored as its bytes; and what ObjectDataType wrote (a store file of before) reads
 * the same.
 */
class DocumentsComeBackFromTheStoreAsTheyWentInTest {

    static Stream<Arguments> values() {
        return Stream.of(
                // value, stored as BSON
                Arguments.of("a string, ü, \u0000 inside, 𝄞", true),
                Arguments.of(42, true),
                Arguments.of(Integer.MIN_VALUE, true),
                Arguments.of(1L << 40, true),
                Arguments.of(-0.0d, true),
                Arguments.of(Double.NaN, true),
                Arguments.of(true, true),
                Arguments.of(null, true),
                Arguments.of(new ObjectId(), true),
                Arguments.of(new BinData(new byte[] {0, 1, 2, (byte) 0xff}), true),
                // larger than the encoding buffer the writing thread keeps, then smaller ones again
                Arguments.of(Named.of("3 MiB of binary data", new BinData(bytes(3 << 20))), true),
                Arguments.of(UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7"), true),
                Arguments.of(new LegacyUUID(new UUID(1, 2)), true),
                Arguments.of(Decimal128.fromNumber(12.5), true),
                Arguments.of(new BsonTimestamp(Instant.ofEpochSecond(1_800_000_000), 3), true),
                Arguments.of(MaxKey.getInstance(), true),
                Arguments.of(MinKey.getInstance(), true),
                Arguments.of(new BsonJavaScript("function () { return 1; }"), true),
                Arguments.of(Instant.ofEpochMilli(1_795_000_000_123L), true),
                Arguments.of(new Document("nested", new Document("deeper", List.of(1, "two", 3L))), true),
                Arguments.of(new ArrayList<>(List.of(new Document("in", "a list"), 2.5)), true),
                // value, kept by Java serialization: BSON would change it
                Arguments.of(Instant.ofEpochSecond(1_795_000_000, 123_456_789), false),
                Arguments.of(Instant.MAX, false),
                Arguments.of(new BsonRegularExpression("^a.*", "i"), false),
                Arguments.of(Set.of("a set"), false),
                Arguments.of((short) 7, false),
                Arguments.of(1.5f, false),
                Arguments.of(new ArrayList<>(List.of(1, (short) 2)), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void aDocumentHoldingTheValueReadsBackEqual(Object value, boolean asBson) {
        Document document = new Document("_id", new ObjectId()).append("field", value).append("after", "it");
        BsonDataType ours = new BsonDataType();

        ByteBuffer stored = written(ours, document);
        assertThat(stored.get(0) == BsonDataType.TAG_BSON_DOCUMENT).as("stored as BSON").isEqualTo(asBson);
        Object read = ours.read(stored);

        assertThat(read).isInstanceOf(Document.class);
        assertSame(read, document);
        assertThat(stored.remaining()).as("bytes left unread").isZero();
        Object readValue = ((Document) read).get("field");
        if (value != null) {
            assertThat(readValue).isInstanceOf(value.getClass() == ArrayList.class ? List.class : value.getClass());
        }
        assertThat(List.copyOf(((Document) read).keySet())).containsExactly("_id", "field", "after");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void whatObjectDataTypeWroteReadsTheSame(Object value, boolean asBson) {
        Document document = new Document("_id", "id-1").append("field", value);
        assertSame(new BsonDataType().read(written(new ObjectDataType(), document)), document);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void valuesOtherThanDocumentsAndObjectIdsAreWrittenAsObjectDataTypeWritesThem(Object value, boolean asBson) {
        if (value == null || value instanceof Document || value instanceof ObjectId) {
            return;
        }
        ByteBuffer ours = written(new BsonDataType(), value);
        assertThat(ours).isEqualTo(written(new ObjectDataType(), value));
        assertSame(new ObjectDataType().read(ours), value);
    }

    @Test
    void anObjectIdIsStoredAsItsTwelveBytesAndKeepsItsOrder() {
        BsonDataType ours = new BsonDataType();
        ObjectId id = new ObjectId("65f1c0de0000000000000001");
        ByteBuffer stored = written(ours, id);
        assertThat(stored.remaining()).isEqualTo(13);
        assertThat(ours.read(stored)).isEqualTo(id).isInstanceOf(ObjectId.class);
        assertThat(ours.read(written(new ObjectDataType(), id))).as("as a store of before holds it").isEqualTo(id);

        ObjectId later = new ObjectId("65f1c0de0000000000000002");
        assertThat(ours.compare(id, later)).isNegative();
        assertThat(ours.compare(later, id)).isPositive();
        assertThat(Integer.signum(ours.compare(id, "a string id")))
                .isEqualTo(Integer.signum(new ObjectDataType().compare(id, "a string id")));
    }

    // value by value, of the same classes: MaxKey, MinKey and BsonRegularExpression have no equals (and Java
    // serialization gives a new MaxKey where BSON gives the one instance): a regular expression compares by
    // its text, MaxKey and MinKey by their class
    private static void assertSame(Object read, Object written) {
        assertThat(same(read, written)).as("%s read back as %s", written, read).isTrue();
    }

    private static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Document x && b instanceof Document y) {
            return List.copyOf(x.keySet()).equals(List.copyOf(y.keySet()))
                    && x.keySet().stream().allMatch(key -> same(x.get(key), y.get(key)));
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            return x.size() == y.size()
                    && IntStream.range(0, x.size()).allMatch(i -> same(x.get(i), y.get(i)));
        }
        if (a.getClass() != b.getClass()) {
            return false;
        }
        if (a instanceof MaxKey || a instanceof MinKey) {
            return true;
        }
        return a instanceof BsonRegularExpression ? a.toString().equals(b.toString()) : a.equals(b);
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private static ByteBuffer written(DataType<Object> type, Object value) {
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, value);
        return buffer.getBuffer().flip();
    }
}
