package org.ledgermta.api.store;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

class IndexKeysAreOrderedAsH2OrdersThemTest {

    private final Random random = new Random(20261128);
    private final ObjectDataType h2 = new ObjectDataType();
    private final IndexKeyType ours = new IndexKeyType();

    @Test
    void everyPairOfKeysComparesWithTheSameSignAsInObjectDataType() {
        List<Object> keys = new ArrayList<>(typicalKeys());
        for (int i = 0; i < 5_000; i++) {
            keys.add(randomKey());
        }
        // not index keys, but the type must order whatever it is given as H2 does
        keys.addAll(List.of("a string", 42L, 7, new ObjectId(), Missing.getInstance()));

        int compared = 0;
        for (Object a : keys) {
            // twice each: the second comparison finds both keys' bytes in the table of recent keys
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < 30; i++) {
                    Object b = keys.get(random.nextInt(keys.size()));
                    assertThat(Integer.signum(ours.compare(a, b))).as("%s <> %s", a, b)
                            .isEqualTo(Integer.signum(h2.compare(a, b)));
                    compared++;
                }
            }
            Object copy = a instanceof KeyValue key ? new KeyValue(key.stream().toList()) : a;
            assertThat(ours.compare(a, copy)).as("%s <> an equal copy", a).isEqualTo(h2.compare(a, copy));
        }
        assertThat(compared).isEqualTo(keys.size() * 60);

        List<Object> sortedByH2 = new ArrayList<>(keys);
        sortedByH2.sort(h2::compare);
        List<Object> sortedByOurs = new ArrayList<>(keys);
        sortedByOurs.sort(ours::compare);
        assertThat(sortedByOurs).containsExactlyElementsOf(sortedByH2);
    }

    // what the ledger's unique indexes hold: Axon's (aggregate id, sequence number), event ids, queue ids
    private List<KeyValue> typicalKeys() {
        List<KeyValue> keys = new ArrayList<>();
        for (long sequence = 0; sequence < 20; sequence++) {
            keys.add(new KeyValue("8f0c5e7a-1b2c-4d5e-9f00-123456789abc", sequence));
            keys.add(new KeyValue("8f0c5e7a-1b2c-4d5e-9f00-123456789abd", sequence));
            keys.add(new KeyValue("EgressIp-127.0.0." + sequence, sequence));
        }
        for (int i = 0; i < 50; i++) {
            keys.add(new KeyValue(UUID.randomUUID().toString()));
            keys.add(new KeyValue("4XkR2b" + i));
            keys.add(new KeyValue(new ObjectId()));
        }
        keys.add(new KeyValue(Missing.getInstance()));
        keys.add(new KeyValue(Missing.getInstance(), Missing.getInstance()));
        keys.add(new KeyValue((Object) null));
        keys.add(new KeyValue(""));
        return keys;
    }

    private KeyValue randomKey() {
        Object[] values = new Object[1 + random.nextInt(3)];
        for (int i = 0; i < values.length; i++) {
            values[i] = randomValue(2);
        }
        return new KeyValue(values);
    }

    private Object randomValue(int depth) {
        return switch (random.nextInt(depth > 0 ? 13 : 10)) {
            case 0 -> randomString();
            case 1 -> random.nextLong();
            case 2 -> (long) random.nextInt(300) - 150;
            case 3 -> random.nextInt();
            case 4 -> random.nextInt(20);
            case 5 -> random.nextDouble() * 1000 - 500;
            case 6 -> random.nextBoolean();
            case 7 -> random.nextInt(4) == 0 ? null : Missing.getInstance();
            case 8 -> new ObjectId();
            case 9 -> new Date(random.nextLong(4_000_000_000_000L));
            case 10 -> new ArrayList<>(Arrays.asList(randomValue(depth - 1), randomValue(depth - 1)));
            case 11 -> new Document("domain", randomString()).append("n", randomValue(depth - 1));
            default -> new KeyValue(randomValue(depth - 1));
        };
    }

    // short strings over a few characters, so that many share prefixes; some beyond ASCII
    private String randomString() {
        char[] alphabet = {'a', 'b', 'z', 'A', '0', '-', '.', 'é', '\u00ff', '\u4e2d'};
        char[] chars = new char[random.nextInt(12)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(chars);
    }
}
