package org.ledgermta.api.store;

import java.nio.file.Path;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.ledgermta.api.LedgerApplication;
import org.ledgermta.api.SampleCommands;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Child process of {@link AcknowledgedEventsSurviveKillTest}: accepts messages one after another, from
 * several threads, and prints "acked &lt;id&gt;" for each only after its command returned. It runs until
 * it is killed.
 */
public final class AcknowledgingWriter {

    public static void main(String[] args) throws Exception {
        ConfigurableApplicationContext context = LedgerApplication.start(Path.of(args[0]));
        CommandGateway commands = context.getBean(CommandGateway.class);
        System.out.println("ready");
        System.out.flush();
        int threads = 4;
        for (int t = 0; t < threads; t++) {
            int lane = t;
            Thread.ofPlatform().start(() -> {
                for (int i = 0; ; i++) {
                    String id = "kill-%d-%06d".formatted(lane, i);
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
}
