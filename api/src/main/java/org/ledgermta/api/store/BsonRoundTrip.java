package org.ledgermta.api.store;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Whether a stand-in document comes back from mongo-java-server's BSON codec equal to what went in, value
 * for value and of the same Java types. Its decoder makes every document a {@link Document}, every array a
 * list and every date an {@link Instant} of whole milliseconds; its encoder refuses regular expressions, and
 * a field name cannot hold a NUL. Anything else (a {@code Set}, a {@code Short}, an Instant with microseconds)
 * stays with Java serialization.
 */
final class BsonRoundTrip {

    private BsonRoundTrip() {
    }

    static boolean holds(Document document) {
        for (Map.Entry<String, Object> field : document.entrySet()) {
            if (field.getKey().indexOf('\0') >= 0 || !holdsValue(field.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean holdsValue(Object value) {
        return switch (value) {
            case null -> true;
            case String s -> true;
            case Integer i -> true;
            case Long l -> true;
            case Double d -> true;
            case Boolean b -> true;
            case ObjectId id -> true;
            case BinData data -> true;
            case UUID uuid -> true;
            case LegacyUUID uuid -> true;
            case Decimal128 decimal -> true;
            case BsonTimestamp timestamp -> true;
            case MaxKey max -> true;
            case MinKey min -> true;
            case BsonJavaScript code -> true;
            case Instant instant -> instant.getNano() % 1_000_000 == 0;
            case Document document -> holds(document);
            case List<?> list -> holdsAll(list);
            default -> false;
        };
    }

    static boolean holdsAll(Iterable<?> values) {
        for (Object element : values) {
            if (!holdsValue(element)) {
                return false;
            }
        }
        return true;
    }
}
