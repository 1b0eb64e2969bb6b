package org.ledgermta.delivery.dkim;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ledgermta.domain.DomainName;
import org.ledgermta.domain.sender.DkimAlgorithm;
import org.ledgermta.domain.sender.DkimSelector;

/** Every signature here is checked by python3-dkim, not by our own code. */
class DkimSignerTest {

    private static final DomainName DOMAIN = new DomainName("shop.example");
    private static final DkimSelector SELECTOR = new DkimSelector("s2026");
    private static final String KEY_RECORD_NAME = "s2026._domainkey.shop.example.";
    // In the past, as python3-dkim refuses a t= more than ten hours ahead of its clock.
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final Map<DkimAlgorithm, KeyPair> KEYS = new EnumMap<>(DkimAlgorithm.class);

    private final DkimSigner signer = new DkimSigner();

    @BeforeAll
    static void keysAndVerifier() {
        PythonDkimVerifier.requireInstalled();
        for (DkimAlgorithm algorithm : DkimAlgorithm.values()) {
            KEYS.put(algorithm, DkimKeyMaterial.generate(algorithm));
        }
    }

    @ParameterizedTest
    @EnumSource(DkimAlgorithm.class)
    void signatureVerifiesWithAnIndependentVerifier(DkimAlgorithm algorithm) {
        byte[] signed = sign(plainMessage(), algorithm);

        PythonDkimVerifier.Verdict verdict = verify(signed, algorithm);
        assertThat(verdict.verified()).as(verdict.log()).isTrue();
        assertThat(verdict.askedFor()).isEqualTo(KEY_RECORD_NAME);
        assertThat(text(signed)).startsWith("DKIM-Signature: v=1; a=" + algorithm.signatureAlgorithm() + ";");
    }

    @ParameterizedTest
    @EnumSource(DkimAlgorithm.class)
    void changedBodyFailsVerification(DkimAlgorithm algorithm) {
        byte[] signed = sign(plainMessage(), algorithm);

        byte[] tampered = replace(signed, "Your order has shipped.", "Your order was cancelled.");

        assertThat(verify(tampered, algorithm).verified()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(DkimAlgorithm.class)
    void changedSubjectFailsVerification(DkimAlgorithm algorithm) {
        byte[] signed = sign(plainMessage(), algorithm);

        byte[] tampered = replace(signed, "Subject: Order 1042", "Subject: Order 1043");

        assertThat(verify(tampered, algorithm).verified()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(DkimAlgorithm.class)
    void secondFromAddedOnTopOrBelowFailsVerification(DkimAlgorithm algorithm) {
        byte[] signed = sign(plainMessage(), algorithm);
        assertThat(verify(signed, algorithm).verified()).isTrue();

        byte[] fromOnTop = concat("From: Bank <security@bank.example>\r\n".getBytes(UTF_8), signed);
        byte[] fromBelow = replace(signed, "To: ", "From: Bank <security@bank.example>\r\nTo: ");

        // python3-dkim counts one From more than h= lists on its own (Debian bug 644046), so it refuses both
        // even from signers that do not over-sign; JdkimCrossCheckTest shows what over-signing adds.
        assertThat(verify(fromOnTop, algorithm).verified()).isFalse();
        assertThat(verify(fromBelow, algorithm).verified()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(DkimAlgorithm.class)
    void foldedHeadersTrailingWhitespaceAndAn8BitUtf8BodyVerify(DkimAlgorithm algorithm) {
        byte[] message = crlf(
                "From: \"Jürgen Müller\" <jurgen@shop.example>  ",
                "To: Ann <ann@customer.example>,",
                "\tBob <bob@customer.example>,  ",
                "   Carol <carol@customer.example>",
                "Subject:   Grüße   aus\t\tKöln   ",
                "  (folded subject)\t",
                "Date: Sun, 01 Jun 2025 12:00:00 +0000",
                "Message-ID: <1042@shop.example>",
                "MIME-Version: 1.0",
                "Content-Type: text/plain;",
                "  charset=utf-8",
                "Content-Transfer-Encoding: 8bit",
                "",
                "Grüße aus Köln, 東京 und Zürich.   ",
                "\tIndented  line with\t\tinner   runs  ",
                "",
                "Ünïcödé at the start of a line.",
                "",
                "",
                "");

        byte[] signed = sign(message, algorithm);

        PythonDkimVerifier.Verdict verdict = verify(signed, algorithm);
        assertThat(verdict.verified()).as(verdict.log()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(DkimAlgorithm.class)
    void headerOctetsThatAreNotUtf8AreSignedAsTheyAre(DkimAlgorithm algorithm) {
        // A raw ISO-8859-1 Subject, as old PHP mailers send: not RFC 6532 UTF-8, but it must not break the signature.
        byte[] message = (text(plainMessage()).replace("Subject: Order 1042", "Subject: Grüße"))
                .getBytes(ISO_8859_1);

        PythonDkimVerifier.Verdict verdict = verify(sign(message, algorithm), algorithm);

        assertThat(verdict.verified()).as(verdict.log()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(DkimAlgorithm.class)
    void emptyBodyVerifies(DkimAlgorithm algorithm) {
        byte[] blankLineThenNothing = crlf("From: a@shop.example", "To: b@customer.example", "Subject: ping", "", "");
        byte[] noBlankLine = crlf("From: a@shop.example", "To: b@customer.example", "Subject: ping", "");
        byte[] onlyEmptyLines = crlf("From: a@shop.example", "Subject: ping", "", "", "  ", "\t", "");

        for (byte[] message : new byte[][] {blankLineThenNothing, noBlankLine, onlyEmptyLines}) {
            byte[] signed = sign(message, algorithm);
            PythonDkimVerifier.Verdict verdict = verify(signed, algorithm);
            assertThat(verdict.verified()).as(text(message) + "\n" + verdict.log()).isTrue();
            // SHA-256 of nothing: relaxed canonicalization leaves an empty body empty (RFC 6376 §3.4.4).
            assertThat(compactField(signed)).contains("bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;");
        }
    }

    @ParameterizedTest
    @EnumSource(DkimAlgorithm.class)
    void whitespaceChangedInTransitStillVerifies(DkimAlgorithm algorithm) {
        byte[] signed = sign(plainMessage(), algorithm);

        // What relaxed canonicalization forgives: refolding, case of names, WSP runs, trailing blank lines.
        byte[] changed = replace(signed, "Subject: Order 1042", "SUBJECT:Order\r\n   1042  ");
        changed = replace(changed, "Your order has shipped.", "Your  order\thas shipped.   ");
        changed = concat(changed, "\r\n\r\n".getBytes(UTF_8));

        PythonDkimVerifier.Verdict verdict = verify(changed, algorithm);
        assertThat(verdict.verified()).as(verdict.log()).isTrue();
    }

    @Test
    void largeBodyWithArbitraryOctetsVerifies() {
        byte[] body = new byte[3 * 1024 * 1024];
        new Random(42).nextBytes(body);
        byte[] message = concat(crlf("From: a@shop.example", "To: b@customer.example", "Subject: binary", "", ""),
                body);

        for (DkimAlgorithm algorithm : DkimAlgorithm.values()) {
            PythonDkimVerifier.Verdict verdict = verify(sign(message, algorithm), algorithm);
            assertThat(verdict.verified()).as(algorithm + "\n" + verdict.log()).isTrue();
        }
    }

    @Test
    void signatureFieldNamesEachSignedFieldAsOftenAsItOccursAndFromOnceMore() {
        byte[] message = crlf(
                "Received: from client.customer.example by relay",
                "From: Shop <orders@shop.example>",
                "To: ann@customer.example",
                "Subject: Order 1042",
                "to: bob@customer.example",
                "X-Mailer: PHPMailer",
                "Date: Sun, 01 Jun 2025 12:00:00 +0000",
                "Message-ID: <1042@shop.example>",
                "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=us-ascii",
                "",
                "Your order has shipped.",
                "");

        byte[] signed = sign(message, DkimAlgorithm.RSA_2048);

        String field = compactField(signed);
        Matcher tags = Pattern.compile("DKIM-Signature:v=1;a=rsa-sha256;c=relaxed/relaxed;d=shop\\.example;"
                + "s=s2026;t=(\\d+);h=([a-z:-]+);bh=([A-Za-z0-9+/=]{44});b=([A-Za-z0-9+/=]+)").matcher(field);
        assertThat(tags.matches()).as(field).isTrue();
        assertThat(tags.group(1)).isEqualTo(Long.toString(NOW.getEpochSecond()));
        assertThat(tags.group(2)).isEqualTo("from:from:to:to:subject:date:message-id:mime-version:content-type");
        assertThat(verify(signed, DkimAlgorithm.RSA_2048).verified()).isTrue();
    }

    @Test
    void signatureFieldIsFoldedToLinesOfAtMost78CharactersAndPrecedesTheUnchangedMessage() {
        byte[] message = plainMessage();

        byte[] signed = sign(message, DkimAlgorithm.RSA_2048);

        String text = text(signed);
        int fieldEnd = text.indexOf("\r\n");
        while (text.charAt(fieldEnd + 2) == '\t') {
            fieldEnd = text.indexOf("\r\n", fieldEnd + 2);
        }
        String field = text.substring(0, fieldEnd);
        assertThat(field.split("\r\n")).hasSizeGreaterThan(4)
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
        assertThat(field).startsWith("DKIM-Signature:").doesNotContain("\r\nDKIM-Signature:");
        assertThat(Arrays.copyOfRange(signed, fieldEnd + 2, signed.length)).isEqualTo(message);
    }

    @Test
    void bareLineFeedsAreSignedAsTheCrlfTheyAreSentAs() {
        byte[] message = text(plainMessage()).replace("\r\n", "\n").getBytes(UTF_8);

        byte[] signed = sign(message, DkimAlgorithm.ED25519);

        assertThat(text(signed)).doesNotContainPattern("[^\r]\n");
        assertThat(text(signed)).endsWith(text(plainMessage()));
        assertThat(verify(signed, DkimAlgorithm.ED25519).verified()).isTrue();
    }

    @Test
    void aMissingFinalLineEndIsAdded() {
        byte[] message = crlf("From: a@shop.example", "Subject: no final CRLF", "", "last line  ");

        byte[] signed = sign(message, DkimAlgorithm.RSA_2048);

        assertThat(text(signed)).endsWith("\r\n\r\nlast line  \r\n");
        assertThat(verify(signed, DkimAlgorithm.RSA_2048).verified()).isTrue();
    }

    @Test
    void anEarlierSignatureStaysBelowOurs() {
        byte[] alreadySigned = concat(
                "DKIM-Signature: v=1; a=rsa-sha256; d=customer-cms.example; s=x; h=from; bh=AAAA; b=BBBB\r\n"
                        .getBytes(UTF_8), plainMessage());

        byte[] signed = sign(alreadySigned, DkimAlgorithm.RSA_2048);

        assertThat(text(signed)).startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=shop.example;")
                .contains("\r\nDKIM-Signature: v=1; a=rsa-sha256; d=customer-cms.example;");
        assertThat(verify(signed, DkimAlgorithm.RSA_2048).verified()).isTrue();
    }

    @Test
    void messageWithoutFromIsRefused() {
        byte[] message = crlf("Sender: a@shop.example", "Subject: who sent this?", "", "Body", "");

        assertThatThrownBy(() -> sign(message, DkimAlgorithm.RSA_2048))
                .isInstanceOfSatisfying(UnsignableMessageException.class,
                        e -> assertThat(e.reason()).isEqualTo(UnsignableMessageException.Reason.NO_FROM_FIELD))
                .hasMessageContaining("no From header field");
    }

    @Test
    void malformedHeaderLineIsRefusedWithItsLineNumber() {
        byte[] noColon = crlf("From: a@shop.example", "this line is not a field", "", "Body", "");
        byte[] continuationFirst = crlf(" From: a@shop.example", "", "Body", "");

        assertThatThrownBy(() -> sign(noColon, DkimAlgorithm.RSA_2048))
                .isInstanceOfSatisfying(UnsignableMessageException.class,
                        e -> assertThat(e.reason()).isEqualTo(UnsignableMessageException.Reason.MALFORMED_HEADER))
                .hasMessage("Header line 2 has no colon, so it is not a header field \"Name: value\" (RFC 5322 §2.2).");
        assertThatThrownBy(() -> sign(continuationFirst, DkimAlgorithm.RSA_2048))
                .isInstanceOf(UnsignableMessageException.class)
                .hasMessageStartingWith("Header line 1 starts with white space");
    }

    @Test
    void keyOfAnotherAlgorithmIsRefused() {
        assertThatThrownBy(() -> signer.sign(plainMessage(), DOMAIN, SELECTOR,
                KEYS.get(DkimAlgorithm.ED25519).getPrivate(), DkimAlgorithm.RSA_2048, NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The key for selector s2026 of shop.example is a ed25519 key, but the domain signs"
                        + " with rsa-sha256.");
    }

    static byte[] plainMessage() {
        return crlf(
                "From: Shop <orders@shop.example>",
                "To: Ann <ann@customer.example>",
                "Subject: Order 1042",
                "Date: Sun, 01 Jun 2025 12:00:00 +0000",
                "Message-ID: <1042@shop.example>",
                "MIME-Version: 1.0",
                "Content-Type: text/plain; charset=us-ascii",
                "",
                "Your order has shipped.",
                "");
    }

    private byte[] sign(byte[] message, DkimAlgorithm algorithm) {
        return signer.sign(message, DOMAIN, SELECTOR, KEYS.get(algorithm).getPrivate(), algorithm, NOW);
    }

    static String keyRecord(DkimAlgorithm algorithm, KeyPair keys) {
        return "v=DKIM1; k=" + algorithm.keyType() + "; p=" + DkimKeyMaterial.publicKeyForDns(keys.getPublic());
    }

    private static PythonDkimVerifier.Verdict verify(byte[] signed, DkimAlgorithm algorithm) {
        return PythonDkimVerifier.verify(signed, keyRecord(algorithm, KEYS.get(algorithm)), KEY_RECORD_NAME);
    }

    static byte[] crlf(String... lines) {
        return String.join("\r\n", lines).getBytes(UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, ISO_8859_1);
    }

    /** The first header field (ours) with its folds and all white space taken out. */
    private static String compactField(byte[] signed) {
        String[] lines = text(signed).split("\r\n", -1);
        StringBuilder field = new StringBuilder(lines[0]);
        for (int i = 1; i < lines.length && (lines[i].startsWith("\t") || lines[i].startsWith(" ")); i++) {
            field.append(lines[i]);
        }
        return field.toString().replaceAll("[ \t]", "");
    }

    private static byte[] replace(byte[] message, String target, String replacement) {
        String text = text(message);
        assertThat(text).contains(target);
        return text.replaceFirst(Pattern.quote(target), Matcher.quoteReplacement(replacement)).getBytes(ISO_8859_1);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }
}
