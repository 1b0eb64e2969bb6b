package org.ledgermta.api.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledgermta.api.LedgerApplication;
import org.ledgermta.api.metrics.QueueDepth;
import org.ledgermta.api.smtp.SmtpIntakeServer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Does a message cost more to accept when the store holds more? The intake rate with delivery paused, in
 * slices injected by Postfix's smtp-source over loopback, against the number of messages already stored,
 * on a JVM that has compiled its hot code first: it accepts {@code size.warm-up} messages into a scratch
 * store, stops that service, and only then starts the measured one on an empty store, in the same JVM. In
 * bench/queue.sh a fresh JVM is still compiling during the first slices, so there the rate at 5,000 stored
 * says more about the JIT than about the store.
 *
 * <p>Not a test (its name keeps it out of surefire's default includes); bench/store-size.sh runs it, with
 * the service's heap and collector (-Xmx512m -XX:+UseParallelGC). Settings ({@code -Dname=value}, defaults
 * in brackets): {@code size.warm-up} [25000], {@code size.messages} [55000], {@code size.slice} [5000],
 * {@code size.body-bytes} [10000], {@code size.connections} [20]. Needs smtp-source (Debian's postfix) and
 * Redis on 127.0.0.1:6379. The figures go to stdout and {@code api/target/store-size.txt}.
 */
@Tag("benchmark")
class IntakeRateAgainstStoreSizeBenchmark {

    private static final String SMTP_SOURCE = "/usr/sbin/smtp-source";
    // this JVM's CPU time: the service's, without smtp-source's (a child process)
    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final int warmUp = Integer.getInteger("size.warm-up", 25_000);
    private final int messages = Integer.getInteger("size.messages", 55_000);
    private final int slice = Integer.getInteger("size.slice", 5_000);
    private final int bodyBytes = Integer.getInteger("size.body-bytes", 10_000);
    private final int connections = Integer.getInteger("size.connections", 20);
    private final StringBuilder report = new StringBuilder();

    @TempDir
    Path scratch;
    @TempDir
    Path data;

    @Test
    void theIntakeRateDoesNotFallAsTheStoreGrows() throws Exception {
        assertThat(Path.of(SMTP_SOURCE)).as("smtp-source, from Debian's postfix package").isExecutable();
        line("warm-up %d, messages %d, slices of %d, %d bytes, %d connections, %s", warmUp, messages, slice,
                bodyBytes, connections, Runtime.version());

        try (ConfigurableApplicationContext service = start(scratch)) {
            injectInSlices(service, warmUp, "warm-up");
        }

        try (ConfigurableApplicationContext service = start(data)) {
            List<Slice> slices = injectInSlices(service, messages, "measured");
            assertThat(service.getBean(QueueDepth.class).depth()).as("every injected message is queued")
                    .isEqualTo(messages);
            if (5_000 % slice == 0 && 50_000 % slice == 0 && slices.size() > 50_000 / slice) {
                Slice at5k = slices.get(5_000 / slice);
                Slice at50k = slices.get(50_000 / slice);
                line("with 5,000 stored: %.1f msgs/s, %.2f CPU s per 1,000; with 50,000 stored: %.1f msgs/s,"
                        + " %.2f CPU s per 1,000; rate 50k / 5k = %.2f", at5k.rate(), at5k.cpuPerThousand(),
                        at50k.rate(), at50k.cpuPerThousand(), at50k.rate() / at5k.rate());
            }
            List<Double> rates = slices.stream().map(Slice::rate).sorted().toList();
            line("measured slices: median %.1f msgs/s, slowest %.1f, fastest %.1f", median(rates), rates.getFirst(),
                    rates.getLast());
        } finally {
            Files.writeString(Path.of("target", "store-size.txt"), report);
        }
    }

    private record Slice(double rate, double cpuPerThousand) {
    }

    private List<Slice> injectInSlices(ConfigurableApplicationContext service, int total, String phase)
            throws IOException, InterruptedException {
        int port = service.getBean(SmtpIntakeServer.class).port();
        List<Slice> slices = new ArrayList<>();
        for (int stored = 0; stored < total; stored += slice) {
            int count = Math.min(slice, total - stored);
            long start = System.nanoTime();
            long cpuBefore = CPU.getProcessCpuTime();
            Process source = new ProcessBuilder(SMTP_SOURCE, "-s", String.valueOf(connections),
                    "-m", String.valueOf(count), "-l", String.valueOf(bodyBytes), "-N",
                    "-f", "bench-sender@example.org", "-t", "bench-rcpt@example.com", "-M", "bench-client.example",
                    "127.0.0.1:" + port).inheritIO().start();
            assertThat(source.waitFor()).as("smtp-source's exit status").isZero();
            double rate = count / ((System.nanoTime() - start) / 1e9);
            double cpuPerThousand = (CPU.getProcessCpuTime() - cpuBefore) / 1e9 / count * 1000;
            slices.add(new Slice(rate, cpuPerThousand));
            line("%s slice %d: %d messages with %d stored before: %.1f msgs/s, %.2f CPU s per 1,000", phase,
                    stored / slice + 1, count, stored, rate, cpuPerThousand);
        }
        return slices;
    }

    /** The service with delivery paused, SMTP on a free port, the bench's account on loopback. */
    private static ConfigurableApplicationContext start(Path dataDir) {
        return LedgerApplication.start(dataDir, "mta.hostname=ledgermta.bench",
                "mta.accounts.bench.networks=127.0.0.1/32", "logging.level.root=WARN");
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private void line(String format, Object... args) {
        String text = String.format(format, args);
        System.out.println(text);
        report.append(text).append('\n');
    }
}
