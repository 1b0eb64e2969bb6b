package org.ledgermta.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** bin/ledgermta-admin, run as an operator runs it, against a scenario's service; its output, once it succeeded. */
final class AdminCli {

    private AdminCli() {
    }

    static String run(DeliveryFixture service, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", Path.of("..", "bin", "ledgermta-admin").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LEDGERMTA_URL", "http://127.0.0.1:" + service.httpPort());
        builder.environment().put("LEDGERMTA_TOKEN", DeliveryFixture.OPERATOR_TOKEN);
        Process cli = builder.start();
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(cli.exitValue()).as(output).isZero();
        return output;
    }
}
