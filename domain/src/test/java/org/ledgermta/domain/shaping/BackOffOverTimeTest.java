package org.ledgermta.domain.shaping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.message.SmtpReply;
import org.ledgermta.domain.provider.BackOffRule;
import org.ledgermta.domain.provider.ProviderName;
import org.ledgermta.domain.provider.Providers;

/** A back-off's rate over its life: lowered, doubling each step, then over. */
class BackOffOverTimeTest {

    private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
    private static final ProviderName YAHOO = new ProviderName("yahoo");
    private static final BackOff THREE_STEPS = new BackOff(YAHOO, START, 10, Duration.ofMinutes(30), 3);

    @Test
    void rateDoublesEachStepAndTheBackOffEndsAfterTheLast() {
        List<String> offsets = List.of("-1s", "0s", "29m59s", "30m", "59m59s", "60m", "89m59s", "90m", "91m", "1000m");

        // offset: active, step, rate a minute, next change
        assertThat(offsets.stream().map(offset -> row(THREE_STEPS, offset)).collect(Collectors.toList()))
                .containsExactly(
                        "-1s: inactive, step 0, rate 2147483647, next 10:00:00",
                        "0s: active, step 1, rate 10, next 10:30:00",
                        "29m59s: active, step 1, rate 10, next 10:30:00",
                        "30m: active, step 2, rate 20, next 11:00:00",
                        "59m59s: active, step 2, rate 20, next 11:00:00",
                        "60m: active, step 3, rate 40, next 11:30:00",
                        "89m59s: active, step 3, rate 40, next 11:30:00",
                        "90m: inactive, step 0, rate 2147483647, next never",
                        "91m: inactive, step 0, rate 2147483647, next never",
                        "1000m: inactive, step 0, rate 2147483647, next never");
        assertThat(THREE_STEPS.endsAt()).isEqualTo(Instant.parse("2026-03-02T11:30:00Z"));
    }

    @Test
    void backOffStartsFromTheRuleThatMatchedTheReply() {
        SmtpReply tss04 = new SmtpReply(421, "4.7.0", "[TSS04] Messages from 192.0.2.1 temporarily deferred due to"
                + " unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes");
        BackOffRule rule = Providers.standard().backOffFor(YAHOO, tss04).orElseThrow();

        BackOff backOff = BackOff.start(rule, START);

        assertThat(backOff).isEqualTo(new BackOff(YAHOO, START, rule.ratePerMinute(), rule.stepDuration(),
                rule.steps()));
        assertThat(backOff.ratePerMinuteAt(START)).isEqualTo(rule.ratePerMinute());
        assertThat(backOff.endsAt()).isEqualTo(START.plus(rule.stepDuration().multipliedBy(rule.steps())));
    }

    @Test
    void backOffThatCouldNotSlowAnythingDownIsRefused() {
        Duration hour = Duration.ofHours(1);
        assertThatIllegalArgumentException().isThrownBy(() -> new BackOff(YAHOO, START, 0, hour, 3))
                .withMessageContaining("must be at least 1");
        assertThatIllegalArgumentException().isThrownBy(() -> new BackOff(YAHOO, START, 10, Duration.ZERO, 3))
                .withMessageContaining("must be longer than zero");
        assertThatIllegalArgumentException().isThrownBy(() -> new BackOff(YAHOO, START, 10, hour, 0))
                .withMessageContaining("needs at least 1");
        assertThatIllegalArgumentException().isThrownBy(() -> new BackOff(YAHOO, START, 1 << 20, hour, 12))
                .withMessageContaining("use fewer steps");
        assertThat(new BackOff(YAHOO, START, 1 << 20, hour, 11).ratePerMinuteAt(START.plus(hour.multipliedBy(10))))
                .isEqualTo(1 << 30);
    }

    private static String row(BackOff backOff, String offset) {
        Instant now = START.plus(Duration.parse("PT" + offset.toUpperCase()));
        Instant next = backOff.nextChangeAfter(now);
        return offset + ": " + (backOff.activeAt(now) ? "active" : "inactive") + ", step " + backOff.stepAt(now)
                + ", rate " + backOff.ratePerMinuteAt(now) + ", next "
                + (next.equals(Instant.MAX) ? "never" : next.toString().substring(11, 19));
    }
}
