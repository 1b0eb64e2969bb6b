package org.ledgermta.domain.egress;

import java.time.Instant;
import java.time.LocalDate;

public record EgressIpWarmUpPlanChangedEvent(EgressIpAddress address, String warmUpPlan, LocalDate startedOn,
                                             String by, String note, Instant changedAt) {
}
