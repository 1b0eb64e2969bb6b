package org.ledgermta.api.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;

/**
 * What "processor lag" means here. Every event processor of this service is a subscribing one: it handles
 * an event in the thread and unit of work that records it, so no processor is ever behind the ledger by a
 * single event — lag counted in events is 0 by construction, and is not exported. What can still be seen,
 * per processor (a handler interceptor on each):
 * <ul>
 *   <li>{@code ledgermta_processor_lag_seconds{processor}}: for the last event it handled, the time from the
 *       event's creation to its handling (milliseconds: the rest of the command's work before the commit);</li>
 *   <li>{@code ledgermta_processor_idle_seconds{processor}}: seconds since it last handled an event (since
 *       start if none) — a quiet service, or a stuck one, shows here;</li>
 *   <li>{@code ledgermta_processor_events_total{processor}}: events it handled.</li>
 * </ul>
 * If a tracking processor is added one day, its lag in events is the distance from its token to the head of
 * the ledger, and belongs here too.
 */
final class ProcessorActivity {

    private final MeterRegistry registry;
    private final Clock clock;
    private final Instant started;
    private final Map<String, Activity> activities = new ConcurrentHashMap<>();

    ProcessorActivity(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        this.started = clock.instant();
    }

    /** The interceptor for one processor; registers its gauges. */
    MessageHandlerInterceptor<EventMessage<?>> watch(String processor) {
        Activity activity = activities.computeIfAbsent(processor, this::register);
        return (unitOfWork, chain) -> {
            Object result = chain.proceed();
            Instant now = clock.instant();
            activity.lagNanos = Math.max(0, Duration.between(unitOfWork.getMessage().getTimestamp(), now).toNanos());
            activity.lastHandled = now;
            activity.handled.increment();
            return result;
        };
    }

    // once per processor, however often Axon asks for its interceptor
    private Activity register(String processor) {
        Counter handled = Counter.builder("ledgermta.processor.events").description("Events handled")
                .tag("processor", processor).register(registry);
        Activity activity = new Activity(started, handled);
        Gauge.builder("ledgermta.processor.lag", activity, a -> a.lagNanos / 1e9)
                .description("Time from an event's creation to its handling, for the last event handled")
                .baseUnit("seconds").tag("processor", processor).strongReference(true).register(registry);
        Gauge.builder("ledgermta.processor.idle", activity,
                        a -> Duration.between(a.lastHandled, clock.instant()).toNanos() / 1e9)
                .description("Time since the processor last handled an event")
                .baseUnit("seconds").tag("processor", processor).strongReference(true).register(registry);
        return activity;
    }

    private static final class Activity {
        final Counter handled;
        volatile long lagNanos;
        volatile Instant lastHandled;

        Activity(Instant started, Counter handled) {
            this.lastHandled = started;
            this.handled = handled;
        }
    }
}
