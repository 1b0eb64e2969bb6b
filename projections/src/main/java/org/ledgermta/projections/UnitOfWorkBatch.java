package org.ledgermta.projections;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A view's writes for one batch of events, handed to the store once at the end of the batch.
 *
 * <p>A subscribing processor gets every event of one unit of work as one batch: the attempt that delivered
 * a message records {@code DeliveryAttemptedEvent} and {@code MessageDeliveredEvent} together. A view that
 * collects its changes here writes them in one round trip when the batch prepares its commit, still inside
 * the unit of work of the command, so the view is never behind what was acknowledged. Outside a unit of
 * work (a replay calling the handlers, a test), or after its handlers (an after-commit step that reads the
 * view), there is no batch: {@link #pending()} answers null and the caller reads and writes the store at once.
 *
 * @param <T> what the view collects (for instance the entries changed, by id)
 */
public final class UnitOfWorkBatch<T> {

    private static final Logger log = LoggerFactory.getLogger(UnitOfWorkBatch.class);

    private final String name;
    private final String resourceKey;
    private final Supplier<T> empty;
    private final Consumer<T> write;

    /**
     * @param name  unique among the batches of one unit of work (the view's name)
     * @param empty a new, empty collection of changes
     * @param write writes the collected changes; called once per batch that collected any
     */
    public UnitOfWorkBatch(String name, Supplier<T> empty, Consumer<T> write) {
        this.name = name;
        this.resourceKey = UnitOfWorkBatch.class.getName() + ":" + name;
        this.empty = empty;
        this.write = write;
    }

    /**
     * The changes collected in the current batch, or null when there is no batch to collect them in: no unit
     * of work is running, or the current one is past its handlers (an after-commit step reading the view).
     */
    public T pending() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        if (unitOfWork.phase() != UnitOfWork.Phase.STARTED) {
            return null;
        }
        return unitOfWork.getOrComputeResource(resourceKey, key -> {
            T changes = empty.get();
            unitOfWork.onPrepareCommit(u -> writeLoggingFailure(changes));
            return changes;
        });
    }

    private void writeLoggingFailure(T changes) {
        try {
            write.accept(changes);
        } catch (RuntimeException e) {
            log.error("{}: the changes of a batch of events were not written: {} ({})", name, changes, e.toString());
        }
    }
}
