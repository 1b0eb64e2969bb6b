package org.ledgermta.api.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.ledgermta.api.LedgerApplication;
import org.ledgermta.api.SampleCommands;
import org.ledgermta.delivery.body.MessageBodyStore;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Child process of {@link AcknowledgedEventsSurviveKillTest}: stores a body and accepts a message, one after
 * another, from several threads, and prints "acked &lt;id&gt;" for each only after its command returned. It runs
 * until it is killed.
 */
public final class AcknowledgingWriter {

    public static void main(String[] args) throws Exception {
        ConfigurableApplicationContext context = LedgerApplication.start(Path.of(args[0]));
        CommandGateway commands = context.getBean(CommandGateway.class);
        MessageBodyStore bodies = context.getBean(MessageBodyStore.class);
        System.out.println("ready");
        System.out.flush();
        int threads = 4;
        for (int t = 0; t < threads; t++) {
            int lane = t;
            Thread.ofPlatform().start(() -> {
                for (int i = 0; ; i++) {
                    String id = "kill-%d-%06d".formatted(lane, i);
                    // as the intake does: the body first, then the accept, acknowledged once durable
                    bodies.store(body(id), Instant.now());
                    commands.sendAndWait(SampleCommands.accept(id, Instant.now()));
                    synchronized (System.out) {
                        System.out.println("acked " + id);
                        System.out.flush();
                    }
                }
            });
        }
        Thread.currentThread().join();
    }

    /** The body stored with the accept of {@code id}. */
    static byte[] body(String id) {
        return ("Subject: " + id + "\r\n\r\n" + "x".repeat(10_000)).getBytes(StandardCharsets.US_ASCII);
    }
}
