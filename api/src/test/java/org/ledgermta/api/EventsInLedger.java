package org.ledgermta.api;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.ApplicationContext;

/** For scenario tests: every event of a type the running service's ledger holds, in order. */
public final class EventsInLedger {

    private EventsInLedger() {
    }

    public static <T> List<T> of(ApplicationContext service, Class<T> type) {
        List<T> found = new ArrayList<>();
        try (var stream = service.getBean(EventStore.class).openStream(null)) {
            while (stream.hasNextAvailable()) {
                Object payload = stream.nextAvailable().getPayload();
                if (type.isInstance(payload)) {
                    found.add(type.cast(payload));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return found;
    }
}
