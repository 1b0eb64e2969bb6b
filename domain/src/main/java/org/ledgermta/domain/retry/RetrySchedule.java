package org.ledgermta.domain.retry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * When to try a deferred message again, and when to give up. RFC 5321 §4.5.4.1 wants a retry interval of
 * generally at least 30 minutes, "more sophisticated and variable strategies" where they help, and a give-up
 * time of at least 4-5 days. The standard schedule starts at 5 minutes, because most first deferrals are
 * greylisting or a rate limit that clears within minutes, doubles past the 30 minutes, and stays at 4 hours until
 * the message is 5 days old.
 *
 * @param intervals the wait after the first, second, … deferral; the last one repeats for every later deferral
 * @param maxAge how long after acceptance the message expires
 */
public record RetrySchedule(List<Duration> intervals, Duration maxAge) {

    private static final Duration CAP = Duration.ofHours(4);

    public RetrySchedule {
        Objects.requireNonNull(intervals, "intervals are required");
        Objects.requireNonNull(maxAge, "maxAge is required");
        intervals = List.copyOf(intervals);
        if (intervals.isEmpty()) {
            throw new IllegalArgumentException("A retry schedule needs at least one interval.");
        }
        for (Duration interval : intervals) {
            if (interval.isZero() || interval.isNegative()) {
                throw new IllegalArgumentException("Retry interval " + interval + " must be longer than zero.");
            }
        }
        if (maxAge.isZero() || maxAge.isNegative()) {
            throw new IllegalArgumentException("Maximum queue age " + maxAge + " must be longer than zero.");
        }
    }

    /** 5m, 10m, 20m, 40m, 80m, 160m, then 4h for ever; expiry after 5 days (mta.retry.* defaults). */
    public static RetrySchedule standard() {
        return new RetrySchedule(doubling(Duration.ofMinutes(5), CAP), Duration.ofDays(5));
    }

    /**
     * Reads mta.retry.intervals and mta.retry.max-age. The intervals are comma-separated durations; one "…" (or
     * "...") between two of them means "keep doubling the interval before it while that stays below the one
     * after it", so "5m,10m,…,4h" is 5m, 10m, 20m, 40m, 80m, 160m, 4h. The last interval repeats.
     */
    public static RetrySchedule parse(String intervals, String maxAge) {
        if (intervals == null || intervals.isBlank()) {
            throw new IllegalArgumentException("mta.retry.intervals is empty: expected comma-separated durations "
                    + "such as 5m,10m,20m,40m,…,4h.");
        }
        String[] items = intervals.split(",", -1);
        if (Arrays.stream(items).filter(RetrySchedule::isEllipsis).count() > 1) {
            throw new IllegalArgumentException("mta.retry.intervals '" + intervals
                    + "' has more than one '…': only one doubling run is allowed.");
        }
        List<Duration> parsed = new ArrayList<>();
        int ellipsis = -1;
        for (int i = 0; i < items.length; i++) {
            String item = items[i].strip();
            if (isEllipsis(item)) {
                if (i == 0 || i != items.length - 2) {
                    throw new IllegalArgumentException("mta.retry.intervals '" + intervals + "': '…' must stand "
                            + "between the interval to double and the final interval, as in 5m,10m,…,4h.");
                }
                ellipsis = parsed.size();
            } else if (item.isEmpty()) {
                throw new IllegalArgumentException("mta.retry.intervals '" + intervals + "' has an empty item "
                        + "at position " + (i + 1) + ".");
            } else {
                parsed.add(DurationText.parse(item, "Retry interval"));
            }
        }
        if (ellipsis >= 0) {
            Duration from = parsed.get(ellipsis - 1);
            Duration to = parsed.get(ellipsis);
            if (from.compareTo(to) >= 0) {
                throw new IllegalArgumentException("mta.retry.intervals '" + intervals + "': the interval after '…' ("
                        + to + ") must be longer than the one before it (" + from + "), or there is nothing to double.");
            }
            List<Duration> expanded = new ArrayList<>(parsed.subList(0, ellipsis - 1));
            expanded.addAll(doubling(from, to));
            parsed = expanded;
        }
        return new RetrySchedule(parsed, DurationText.parse(maxAge, "mta.retry.max-age"));
    }

    public Instant expiresAt(Instant acceptedAt) {
        return acceptedAt.plus(maxAge);
    }

    /** The wait after the given deferral, counting the first deferral as 1. */
    public Duration interval(int deferralsSoFar) {
        if (deferralsSoFar < 1) {
            throw new IllegalArgumentException("deferralsSoFar is " + deferralsSoFar
                    + ": it counts the deferral being scheduled, so the first retry follows deferral 1.");
        }
        return intervals.get(Math.min(deferralsSoFar, intervals.size()) - 1);
    }

    /**
     * Decides the retry after a deferral that happened at {@code now}. The wait runs from the failed attempt, not
     * from acceptance, so a slow attempt does not eat into the next interval. A retry that would fall after expiry
     * is brought forward to the expiry instant: the message gets one last attempt, and expires only if that fails.
     */
    public RetryDecision next(Instant acceptedAt, int deferralsSoFar, Instant now) {
        Duration wait = interval(deferralsSoFar);
        Instant expiresAt = expiresAt(acceptedAt);
        if (!now.isBefore(expiresAt)) {
            return new RetryDecision.Expire(expiresAt);
        }
        // Compared as durations rather than by adding, so that a very long interval cannot overflow Instant.
        return wait.compareTo(Duration.between(now, expiresAt)) >= 0
                ? new RetryDecision.RetryAt(expiresAt)
                : new RetryDecision.RetryAt(now.plus(wait));
    }

    private static boolean isEllipsis(String item) {
        return item.strip().equals("…") || item.strip().equals("...");
    }

    // first, 2×first, 4×first, … while below last, then last.
    private static List<Duration> doubling(Duration first, Duration last) {
        List<Duration> intervals = new ArrayList<>();
        for (Duration interval = first; interval.compareTo(last) < 0; interval = interval.multipliedBy(2)) {
            intervals.add(interval);
        }
        intervals.add(last);
        return intervals;
    }
}
