package org.ledgermta.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.message.MessageDeliveredEvent;
import org.ledgermta.domain.sender.MessageSignatureSkippedEvent;

/**
 * What one message costs the ledger store, counted by the driver's own command metrics over 20 messages
 * relayed to the MX: the accept and its "left unsigned" are one insert, the attempt and its delivery one
 * more; the queue view and the statistics each write once per batch of events (accept, attempt), the
 * body is read from memory, not back from the store, and no retry saga is looked for (none was deferred).
 */
class StoreWorkPerDeliveredMessageTest {

    private static final int MESSAGES = 20;

    @Test
    void anAcceptedAndDeliveredMessageCostsTheStoreTwoWritesPerCollection() throws Exception {
        try (TestMx mx = TestMx.acceptingAll(); DeliveryFixture service = new DeliveryFixture(mx)) {
            MeterRegistry meters = service.context.getBean(MeterRegistry.class);
            Map<String, Long> before = commands(meters);

            for (int i = 0; i < MESSAGES; i++) {
                Submit.message(service.smtpPort(), "shop@shop.example", "alice" + i + "@receiver.example");
            }
            TestMx.await("every delivery in the ledger", Duration.ofSeconds(30),
                    () -> service.events(MessageDeliveredEvent.class).size() == MESSAGES);

            Map<String, Long> work = new TreeMap<>(commands(meters));
            work.replaceAll((command, count) -> count - before.getOrDefault(command, 0L));
            assertThat(service.events(MessageSignatureSkippedEvent.class)).hasSize(MESSAGES);
            assertThat(work).as("store commands during %d messages", MESSAGES)
                    .containsEntry("insert domainevents", 2L * MESSAGES)
                    .containsEntry("update queue_view", 2L * MESSAGES)
                    .containsEntry("update delivery_statistics", 2L * MESSAGES)
                    .containsEntry("insert message_bodies", (long) MESSAGES)
                    .doesNotContainKey("find message_bodies");
            assertThat(work.getOrDefault("find sagas", 0L)).as("look-ups of a retry saga").isZero();
        }
    }

    /** Commands sent so far, keyed "command collection", from mongodb.driver.commands. */
    private static Map<String, Long> commands(MeterRegistry meters) {
        Map<String, Long> counts = new TreeMap<>();
        for (Timer timer : meters.find("mongodb.driver.commands").timers()) {
            counts.merge(timer.getId().getTag("command") + " " + timer.getId().getTag("collection"),
                    timer.count(), Long::sum);
        }
        return counts;
    }
}
