package org.ledgermta.api.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledgermta.domain.message.MessageAcceptedEvent;

/** A Redis of its own (a real redis-server on a free loopback port), stopped mid-session. */
class RedisOutageAnswers451Test {

    @TempDir
    Path dataDir;

    @Test
    void whileRedisIsDownRecipientsGet451AndNothingIsQueued() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process redis = new ProcessBuilder("redis-server", "--bind", "127.0.0.1", "--port", String.valueOf(port),
                "--save", "", "--appendonly", "no").redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("redis.log").toFile()).start();
        try {
            awaitListening(port);
            try (IntakeFixture service = new IntakeFixture(dataDir.resolve("ledger"),
                    "redis.url=redis://127.0.0.1:" + port)) {
                SmtpTestClient.Reply before;
                SmtpTestClient.Reply during;
                try (SmtpTestClient client = service.connect(IntakeFixture.ALLOWED_CLIENT)) {
                    client.command("EHLO web9.example");
                    before = client.send("a@shop.example", List.of("b@receiver.example"), IntakeFixture.message("1", ""));
                    redis.destroyForcibly();
                    redis.waitFor(10, TimeUnit.SECONDS);
                    during = client.send("a@shop.example", List.of("c@receiver.example"), IntakeFixture.message("2", ""));
                }
                assertThat(before.code()).isEqualTo(250);
                assertThat(during.code()).as("reply %s", during).isEqualTo(451);
                assertThat(during.text()).startsWith("4.3.0 ").contains("Redis");
                assertThat(service.events(MessageAcceptedEvent.class)).hasSize(1);
            }
        } finally {
            redis.destroyForcibly();
        }
    }

    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("redis-server did not listen on " + port);
    }
}
