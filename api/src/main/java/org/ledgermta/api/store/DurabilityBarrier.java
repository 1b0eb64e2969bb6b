package org.ledgermta.api.store;

/**
 * Blocks until every write acknowledged before the call is on stable storage. The SMTP 250 reply
 * (and any other acknowledgement) waits on this, so "accepted" means "survives a crash".
 */
public interface DurabilityBarrier {

    void awaitDurable();

    /** Real MongoDB: the client's write concern (w:majority, journaled) already made the write durable. */
    DurabilityBarrier WRITE_CONCERN = () -> { };
}
