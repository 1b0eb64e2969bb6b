package org.ledgermta.domain.warmup;

import java.util.Objects;

/** From the IP's day fromDay (its first day is day 0) on, until the next step, this daily cap. */
public record WarmUpStep(long fromDay, DailyCap cap) {

    public WarmUpStep {
        if (fromDay < 0) {
            throw new IllegalArgumentException("A warm-up step from day " + fromDay + " is not valid: days count from"
                    + " 0, the IP's first day.");
        }
        Objects.requireNonNull(cap, "cap is required");
    }

    /** As in the plan's text: "4d=100", "44d=unlimited". */
    String text() {
        return fromDay + "d=" + switch (cap) {
            case DailyCap.Limited limited -> Long.toString(limited.messages());
            case DailyCap.Unlimited unlimited -> "unlimited";
        };
    }
}
