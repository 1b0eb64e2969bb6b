package org.ledgermta.api.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Comparator;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store file written by mongo-java-server's own H2 backend (a store of an earlier ledgermta) reads the same
 * through ours and goes on being written by it: every document and every unique-index look-up is found, a
 * duplicate key is still refused, and every index map stays in ObjectDataType's order (such a store keeps
 * its {@link IndexKeyFormat#JAVA_SERIALIZED} keys). The other way is closed: once ours has written documents
 * as BSON, the stock backend refuses the file ({@link BsonDataType}).
 */
class StoreFilesOfTheStockBackendReadTheSameThroughOursTest {

    private static final Comparator<Object> OBJECT_DATA_TYPE_ORDER = new ObjectDataType()::compare;

    @TempDir
    Path dataDir;

    @Test
    void whatTheStockBackendWroteIsFoundThroughOurs() {
        Path file = dataDir.resolve(EmbeddedLedgerStore.FILE_NAME);
        // theirs creates the maps and writes, ours reads and writes more, ours reads it all after a reopen
        IndexedEvents.pass(file, StandInServer.H2, 0, OBJECT_DATA_TYPE_ORDER);
        IndexedEvents.pass(file, StandInServer.H2, 1, OBJECT_DATA_TYPE_ORDER);
        IndexedEvents.pass(file, StandInServer.LEDGER, 2, OBJECT_DATA_TYPE_ORDER);
        IndexedEvents.pass(file, StandInServer.LEDGER, 3, OBJECT_DATA_TYPE_ORDER);

        assertThatThrownBy(() -> IndexedEvents.pass(file, StandInServer.H2, 4, OBJECT_DATA_TYPE_ORDER))
                .hasMessageContaining("Unknown tag");
    }
}
