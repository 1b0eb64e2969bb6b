package org.ledgermta.api.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Comparator;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store our backend creates keeps its unique-index keys as BSON ({@link IndexKeyFormat#BSON}, recorded in
 * the file): across reopenings every look-up hits, a duplicate key is refused, each index map is in the BSON
 * keys' order, and mongo-java-server's stock backend refuses the file instead of misreading it.
 */
class ANewStoreKeepsItsIndexKeysAsBsonTest {

    private static final Comparator<Object> BSON_KEY_ORDER = new BsonIndexKeyType()::compare;

    @TempDir
    Path dataDir;

    @Test
    void indexKeysAreBsonFromTheFirstWriteOn() {
        Path file = dataDir.resolve(EmbeddedLedgerStore.FILE_NAME);
        for (int pass = 0; pass < 4; pass++) {
            IndexedEvents.pass(file, StandInServer.LEDGER, pass, BSON_KEY_ORDER);
        }

        MVStore mvStore = MVStore.open(file.toString());
        try {
            assertThat(IndexKeyFormat.of(mvStore)).isEqualTo(IndexKeyFormat.BSON);
        } finally {
            mvStore.close();
        }
        assertThatThrownBy(() -> IndexedEvents.pass(file, StandInServer.H2, 4, BSON_KEY_ORDER))
                .hasMessageContaining("Unknown tag");
    }
}
