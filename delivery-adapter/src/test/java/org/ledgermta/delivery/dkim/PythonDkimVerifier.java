package org.ledgermta.delivery.dkim;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * DKIM verification independent of our code (DESIGN.md): Debian's python3-dkim, run through /usr/bin/python3
 * (the pyenv python3 on PATH cannot import it), with python3-nacl for ed25519-sha256. The key record comes from
 * a file instead of DNS, and only for the name the signature should make it ask for.
 */
final class PythonDkimVerifier {

    /** What python3-dkim said: whether the topmost signature verifies, the names it asked DNS for, its log. */
    record Verdict(boolean verified, String askedFor, String log) {
    }

    private static final String PYTHON = "/usr/bin/python3";
    private static final String INSTALL_HINT = "DKIM tests verify with Debian's python3-dkim and python3-nacl under"
            + " /usr/bin/python3: install them with 'apt-get install -y python3-dkim python3-nacl' (bin/test"
            + " does this).";
    private static final String SCRIPT = """
            import logging, sys
            import dkim
            message_file, record_file, expected_name = sys.argv[1], sys.argv[2], sys.argv[3].encode('ascii')
            with open(message_file, 'rb') as f:
                message = f.read()
            with open(record_file, 'rb') as f:
                record = f.read()
            asked = []
            def dnsfunc(name, timeout=5):
                asked.append(name.decode('ascii'))
                return record if name == expected_name else None
            logging.basicConfig(stream=sys.stderr, level=logging.DEBUG, format='%(message)s')
            verified = dkim.verify(message, logger=logging.getLogger('dkim'), dnsfunc=dnsfunc)
            print(('pass' if verified else 'fail') + ' ' + ','.join(asked))
            sys.exit(0 if verified else 1)
            """;
    private static final int TIMEOUT_SECONDS = 60;

    private PythonDkimVerifier() {
    }

    /** Fails (never skips) when python3-dkim or python3-nacl is missing. */
    static void requireInstalled() {
        Result result = run(PYTHON, "-c", "import dkim, nacl.signing");
        if (result.exitCode() != 0) {
            fail(INSTALL_HINT + " /usr/bin/python3 said: " + result.stdout() + result.stderr());
        }
    }

    /**
     * @param keyRecord    the TXT record, such as {@code v=DKIM1; k=rsa; p=…}
     * @param expectedName the only DNS name answered, such as {@code s1._domainkey.shop.example.} (trailing dot)
     */
    static Verdict verify(byte[] message, String keyRecord, String expectedName) {
        try {
            Path directory = Files.createTempDirectory("dkim-verify");
            try {
                Path script = Files.writeString(directory.resolve("verify.py"), SCRIPT);
                Path messageFile = Files.write(directory.resolve("message.eml"), message);
                Path recordFile = Files.writeString(directory.resolve("record.txt"), keyRecord,
                        StandardCharsets.US_ASCII);
                Result result = run(PYTHON, script.toString(), messageFile.toString(), recordFile.toString(),
                        expectedName);
                if (result.exitCode() != 0 && result.exitCode() != 1) {
                    fail("python3-dkim did not run (exit " + result.exitCode() + "). " + INSTALL_HINT + "\n"
                            + result.stderr());
                }
                String[] words = result.stdout().strip().split(" ", 2);
                return new Verdict(result.exitCode() == 0 && "pass".equals(words[0]),
                        words.length > 1 ? words[1] : "", result.stderr());
            } finally {
                try (var files = Files.list(directory)) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
                Files.delete(directory);
            }
        } catch (IOException e) {
            throw new AssertionError("Could not hand the message to python3-dkim", e);
        }
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result run(String... command) {
        try {
            Path stdout = Files.createTempFile("dkim-verify", ".out");
            Path stderr = Files.createTempFile("dkim-verify", ".err");
            try {
                Process process = new ProcessBuilder(command)
                        .redirectOutput(stdout.toFile())
                        .redirectError(stderr.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                        .start();
                if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    fail(String.join(" ", command) + " did not finish within " + TIMEOUT_SECONDS + " s");
                }
                return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
            } finally {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            fail("Could not start " + command[0] + ". " + INSTALL_HINT, e);
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
