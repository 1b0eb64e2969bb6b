package org.ledgermta.api.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledgermta.api.ChildJvm;
import org.ledgermta.api.LedgerMtaApplication;

class UnreachableRedisStopsStartTest {

    @TempDir
    Path dataDir;

    @Test
    void serviceExitsWithOneLineThatNamesTheUrlAndTheFix() throws Exception {
        Path stderr = Files.createTempFile("unreachable-redis", ".err");
        // port 1 on loopback: nothing listens there, the connection is refused at once
        Process service = ChildJvm.start(LedgerMtaApplication.class,
                Map.of("REDIS_URL", "redis://127.0.0.1:1", "MTA_DATA_DIR", dataDir.toString()), stderr,
                "--server.port=0");
        service.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());

        assertThat(service.waitFor(60, TimeUnit.SECONDS)).as("the service must stop by itself").isTrue();
        assertThat(service.exitValue()).isNotZero();
        List<String> lines = Files.readAllLines(stderr, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank())
                .filter(line -> !line.startsWith("WARNING:")) // the JVM's own warnings, not ours
                .toList();
        assertThat(lines).singleElement().asString()
                .contains("redis://127.0.0.1:1")
                .contains("REDIS_URL")
                .contains("redis-server");
    }
}
