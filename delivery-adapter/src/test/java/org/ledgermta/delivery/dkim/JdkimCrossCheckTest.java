package org.ledgermta.delivery.dkim;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.DomainName;
import org.ledgermta.domain.sender.DkimAlgorithm;
import org.ledgermta.domain.sender.DkimSelector;

/**
 * A second opinion on our rsa-sha256 signatures from Apache James jDKIM's verifier (jDKIM 0.5 has no
 * ed25519-sha256). Unlike python3-dkim, it follows h= alone, so it also shows what over-signing From buys.
 */
class JdkimCrossCheckTest {

    private static final DomainName DOMAIN = new DomainName("shop.example");
    private static final DkimSelector SELECTOR = new DkimSelector("s2026");
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static KeyPair keys;

    private final DkimSigner signer = new DkimSigner();

    @BeforeAll
    static void key() {
        keys = DkimKeyMaterial.generate(DkimAlgorithm.RSA_2048);
    }

    @Test
    void jdkimVerifiesOurSignatureOfPlainAndOf8BitFoldedMessages() throws Exception {
        byte[] folded8Bit = DkimSignerTest.crlf(
                "From: \"Jürgen\" <jurgen@shop.example>",
                "To: Ann <ann@customer.example>,",
                "\tBob <bob@customer.example>  ",
                "Subject:   Grüße   aus\t\tKöln   ",
                "Content-Type: text/plain; charset=utf-8",
                "",
                "Grüße aus Köln, 東京.   ",
                "\tIndented  line",
                "",
                "",
                "");

        for (byte[] message : List.of(DkimSignerTest.plainMessage(), folded8Bit)) {
            List<SignatureRecord> verified = jdkimVerify(sign(message));
            assertThat(verified).singleElement().satisfies(record -> {
                assertThat(record.getDToken().toString()).isEqualTo("shop.example");
                assertThat(record.getSelector().toString()).isEqualTo("s2026");
            });
        }
    }

    @Test
    void fromAddedOnTopBreaksOurSignatureButNotOneWithoutOverSigning() throws Exception {
        byte[] addedFrom = "From: Bank <security@bank.example>\r\n".getBytes(UTF_8);
        byte[] ours = sign(DkimSignerTest.plainMessage());
        // The control: jDKIM's own signer, told to list From once, as signers that do not over-sign do.
        String notOverSigned = new DKIMSigner("v=1; a=rsa-sha256; c=relaxed/relaxed; d=shop.example; s=s2026;"
                + " h=from:to:subject; bh=; b=;", keys.getPrivate())
                .sign(new ByteArrayInputStream(DkimSignerTest.plainMessage()));
        byte[] theirs = concat((notOverSigned + "\r\n").getBytes(UTF_8), DkimSignerTest.plainMessage());

        assertThat(jdkimVerify(concat(addedFrom, theirs))).hasSize(1);
        assertThatThrownBy(() -> jdkimVerify(concat(addedFrom, ours))).isInstanceOf(FailException.class);
    }

    private byte[] sign(byte[] message) {
        return signer.sign(message, DOMAIN, SELECTOR, keys.getPrivate(), DkimAlgorithm.RSA_2048, NOW);
    }

    private static List<SignatureRecord> jdkimVerify(byte[] signed) throws Exception {
        String record = DkimSignerTest.keyRecord(DkimAlgorithm.RSA_2048, keys);
        DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> {
            assertThat(selector + "._domainkey." + domain).isEqualTo("s2026._domainkey.shop.example");
            return List.of(record);
        });
        return verifier.verify(new ByteArrayInputStream(signed));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }
}
