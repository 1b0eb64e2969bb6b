package org.ledgermta.api.axon;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.ledgermta.api.store.DurabilityBarrier;

/**
 * A command's result reaches its sender only once the events it appended are durable. The events are
 * appended in the unit of work's prepare-commit phase; the barrier runs in the commit phase after it, so
 * a failed flush fails the command and nothing is acknowledged.
 */
final class DurableCommandInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final DurabilityBarrier barrier;

    DurableCommandInterceptor(DurabilityBarrier barrier) {
        this.barrier = barrier;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork,
                         InterceptorChain interceptorChain) throws Exception {
        unitOfWork.onCommit(u -> barrier.awaitDurable());
        return interceptorChain.proceed();
    }
}
