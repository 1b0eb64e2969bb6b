package org.ledgermta.delivery.records;

import java.util.List;
import java.util.Objects;

/**
 * What the check found for one record we asked the customer to publish.
 *
 * @param found every TXT value at the record's name (SPF's name also holds other TXT records), strings joined
 * @param fix   one sentence the customer can act on; for PUBLISHED it says there is nothing to do
 */
public record RecordStatus(RecordToPublish expected, Status status, List<String> found, String fix) {

    public enum Status {
        /** The record, or one that does the same job, is there. */
        PUBLISHED,
        /** Nothing of the kind is at the name. */
        MISSING,
        /** Something of the kind is there but does not do the job, or there are several where one is allowed. */
        WRONG,
        /** The DNS server gave no usable answer; nothing is known about the record. */
        LOOKUP_FAILED
    }

    public RecordStatus {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(status, "status");
        found = List.copyOf(found);
        Objects.requireNonNull(fix, "fix");
    }
}
