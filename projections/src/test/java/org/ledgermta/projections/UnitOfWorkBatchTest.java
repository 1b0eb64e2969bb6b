package org.ledgermta.projections;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

/**
 * A batch collects while the unit of work runs its handlers and is written once when it prepares its commit;
 * outside a unit of work, and after its handlers (an after-commit step reading a view), there is none.
 */
class UnitOfWorkBatchTest {

    private final List<List<String>> written = new ArrayList<>();
    private final UnitOfWorkBatch<List<String>> batch = new UnitOfWorkBatch<>("test", ArrayList::new, written::add);

    @Test
    void changesOfOneUnitOfWorkAreWrittenOnceAtItsCommit() {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        batch.pending().add("attempted");
        batch.pending().add("delivered");
        assertThat(written).isEmpty();

        unitOfWork.commit();

        assertThat(written).containsExactly(List.of("attempted", "delivered"));
    }

    @Test
    void aBatchThatCannotBeWrittenDoesNotFailTheUnitOfWork() {
        UnitOfWorkBatch<List<String>> failing = new UnitOfWorkBatch<>("failing", ArrayList::new, changes -> {
            throw new IllegalStateException("store unavailable");
        });
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        failing.pending().add("attempted");

        unitOfWork.commit();

        assertThat(unitOfWork.isRolledBack()).isFalse();
        assertThat(unitOfWork.phase()).isEqualTo(UnitOfWork.Phase.CLOSED);
    }

    @Test
    void withoutAUnitOfWorkThereIsNoBatch() {
        assertThat(batch.pending()).isNull();
    }

    @Test
    void afterTheCommitThereIsNoBatchAndNoError() {
        AtomicReference<List<String>> afterCommit = new AtomicReference<>(List.of("not asked"));
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.afterCommit(u -> afterCommit.set(batch.pending()));

        unitOfWork.commit();

        assertThat(afterCommit.get()).isNull();
        assertThat(written).isEmpty();
    }
}
