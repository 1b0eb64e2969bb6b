package org.ledgermta.api.delivery;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Verifies DKIM signatures with code that is not ours: Debian's python3-dkim (bin/test installs it), run
 * by /usr/bin/python3, answering key look-ups from the records we tell customers to publish.
 */
final class IndependentDkimVerifier {

    private static final String SCRIPT = """
            import json, sys, dkim
            message = open(sys.argv[1], 'rb').read()
            records = json.load(open(sys.argv[2]))
            def dns(name, timeout=5):
                return records.get(name.decode().rstrip('.'), '').encode()
            print('verified' if dkim.verify(message, dnsfunc=dns) else 'failed')
            """;

    private IndependentDkimVerifier() {
    }

    /** {@code records}: TXT record name (no trailing dot) → value, as our records endpoint shows them. */
    static boolean verifies(byte[] message, Map<String, String> records) throws Exception {
        Path dir = Files.createTempDirectory("dkim-verify");
        Path script = Files.writeString(dir.resolve("verify.py"), SCRIPT);
        Path messageFile = Files.write(dir.resolve("message.eml"), message);
        StringBuilder json = new StringBuilder("{");
        records.forEach((name, value) -> json.append(json.length() > 1 ? "," : "").append('"').append(name)
                .append("\":\"").append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"'));
        Path recordFile = Files.writeString(dir.resolve("records.json"), json.append('}').toString());
        Process python = new ProcessBuilder("/usr/bin/python3", script.toString(), messageFile.toString(),
                recordFile.toString()).redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!python.waitFor(60, TimeUnit.SECONDS) || python.exitValue() != 0) {
            throw new IllegalStateException("python3-dkim did not run: " + output);
        }
        if (!output.endsWith("verified") && !output.endsWith("failed")) {
            throw new IllegalStateException("unexpected verifier output: " + output);
        }
        return output.endsWith("verified");
    }
}
