package org.ledgermta.delivery.dkim;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ledgermta.domain.DomainName;
import org.ledgermta.domain.sender.DkimAlgorithm;
import org.ledgermta.domain.sender.DkimSelector;

/**
 * Signs a message with DKIM (RFC 6376): rsa-sha256, or ed25519-sha256 (RFC 8463); relaxed/relaxed
 * canonicalization; no l= (a body length limit lets anyone append to a signed message). Stateless and
 * thread-safe.
 *
 * <p>Apache James jDKIM 0.5 was the first choice, but python3-dkim, our independent verifier, rejected two of
 * its rsa-sha256 signatures: a message with an empty body (jDKIM hashes the CRLF that only "simple" body
 * canonicalization adds, RFC 6376 §3.4.3 versus §3.4.4) and a Subject with 8-bit octets that are not UTF-8
 * (it decodes header octets into Strings with the platform charset). It does not fold the field either, and
 * has no Ed25519. So canonicalization and hashing are done here, on octets, for both algorithms; the tests
 * check the result with python3-dkim and with jDKIM's own verifier.
 */
public final class DkimSigner {

    /**
     * The header fields signed when present, each as often as it occurs: originator, destination, threading and
     * MIME fields (from RFC 6376 §5.4.1's recommendations), and List-Unsubscribe and List-Unsubscribe-Post,
     * which RFC 8058 §4 requires a DKIM signature to cover before a receiver offers one-click unsubscription.
     */
    static final List<String> SIGNED_FIELDS = List.of(
            "from", "to", "cc", "subject", "date", "message-id", "reply-to", "in-reply-to", "references",
            "mime-version", "content-type", "content-transfer-encoding", "list-unsubscribe",
            "list-unsubscribe-post");

    private static final String FROM = "from";
    private static final String FIELD_NAME = "DKIM-Signature";
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    /**
     * The message as it will be sent, signed: a DKIM-Signature field with d=domain and s=selector, then the
     * message. The message is taken in wire form: a bare LF becomes CRLF and a missing final line end is
     * added, as DotStuffingOutputStream would send it anyway, so what is signed is what receivers get.
     *
     * @param now the signing time, t= (RFC 6376 §3.5)
     * @throws UnsignableMessageException when the message has no From field or a malformed header line
     * @throws IllegalArgumentException   when the key is not one of the algorithm
     */
    public byte[] sign(byte[] message, DomainName domain, DkimSelector selector, PrivateKey key,
            DkimAlgorithm algorithm, Instant now) {
        Objects.requireNonNull(message, "message is required");
        Objects.requireNonNull(domain, "domain is required");
        Objects.requireNonNull(selector, "selector is required");
        Objects.requireNonNull(key, "key is required");
        Objects.requireNonNull(algorithm, "algorithm is required");
        Objects.requireNonNull(now, "now is required");
        DkimAlgorithm keyAlgorithm = DkimKeyMaterial.algorithmOf(key);
        if (keyAlgorithm != algorithm) {
            throw new IllegalArgumentException("The key for selector " + selector + " of " + domain + " is a "
                    + keyAlgorithm.keyType() + " key, but the domain signs with "
                    + algorithm.signatureAlgorithm() + ".");
        }
        byte[] wire = wireForm(message);
        HeaderSection headers = HeaderSection.parse(wire);
        List<String> signedNames = signedFieldNames(headers);

        FoldedHeader field = new FoldedHeader(FIELD_NAME)
                .tag("v=1;")
                .tag("a=" + algorithm.signatureAlgorithm() + ";")
                .tag("c=relaxed/relaxed;")
                .tag("d=" + domain.value() + ";")
                .tag("s=" + selector.value() + ";")
                .tag("t=" + now.getEpochSecond() + ";");
        for (int i = 0; i < signedNames.size(); i++) {
            String atom = signedNames.get(i) + (i == signedNames.size() - 1 ? ";" : ":");
            if (i == 0) {
                field.tag("h=" + atom);
            } else {
                field.continuation(atom);
            }
        }
        field.tag("bh=" + Base64.getEncoder().encodeToString(bodyHash(wire, headers.bodyStart())) + ";")
                .tag("b=");
        byte[] signature = signatureOf(headerHashInput(headers, signedNames, field.toString()), key, algorithm);
        field.breakable(Base64.getEncoder().encodeToString(signature));

        byte[] fieldBytes = (field + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] signed = Arrays.copyOf(fieldBytes, fieldBytes.length + wire.length);
        System.arraycopy(wire, 0, signed, fieldBytes.length, wire.length);
        return signed;
    }

    /**
     * h=: each field of SIGNED_FIELDS as often as it occurs, and From once more, so that the signature also
     * covers the absence of a second From: one added later, above or below, breaks it (RFC 6376 §8.15).
     */
    static List<String> signedFieldNames(HeaderSection headers) {
        int fromFields = headers.count(FROM);
        if (fromFields == 0) {
            throw new UnsignableMessageException(UnsignableMessageException.Reason.NO_FROM_FIELD,
                    "The message has no From header field, which every message needs (RFC 5322 §3.6) and which"
                            + " a DKIM signature must cover (RFC 6376 §5.4).");
        }
        List<String> names = new ArrayList<>();
        for (String name : SIGNED_FIELDS) {
            int occurrences = headers.count(name) + (FROM.equals(name) ? 1 : 0);
            for (int i = 0; i < occurrences; i++) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * RFC 6376 §3.7: the fields named in h=, canonicalized, each name taking the last instance not yet taken
     * (§5.4.2; a name with none left adds nothing), then this DKIM-Signature field with b= empty and without
     * its final CRLF.
     */
    static byte[] headerHashInput(HeaderSection headers, List<String> signedNames, String unsignedField) {
        Map<String, List<HeaderSection.Field>> byName = new HashMap<>();
        for (HeaderSection.Field field : headers.fields()) {
            byName.computeIfAbsent(field.lowerCaseName(), name -> new ArrayList<>()).add(field);
        }
        Map<String, Integer> taken = new HashMap<>();
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        for (String name : signedNames) {
            List<HeaderSection.Field> instances = byName.getOrDefault(name, List.of());
            int alreadyTaken = taken.getOrDefault(name, 0);
            if (alreadyTaken < instances.size()) {
                input.writeBytes(RelaxedCanonicalization.headerField(
                        instances.get(instances.size() - 1 - alreadyTaken).raw()));
                taken.put(name, alreadyTaken + 1);
            }
        }
        byte[] own = RelaxedCanonicalization.headerField(unsignedField.getBytes(StandardCharsets.US_ASCII));
        input.write(own, 0, own.length - 2);
        return input.toByteArray();
    }

    static byte[] bodyHash(byte[] wire, int bodyStart) {
        MessageDigest sha256 = sha256();
        RelaxedCanonicalization.body(wire, bodyStart,
                new DigestOutputStream(OutputStream.nullOutputStream(), sha256));
        return sha256.digest();
    }

    private static byte[] signatureOf(byte[] headerHashInput, PrivateKey key, DkimAlgorithm algorithm) {
        try {
            return switch (algorithm) {
                case RSA_2048 -> {
                    Signature rsa = Signature.getInstance("SHA256withRSA");
                    rsa.initSign(key);
                    rsa.update(headerHashInput);
                    yield rsa.sign();
                }
                case ED25519 -> {
                    // RFC 8463 §3: PureEdDSA Ed25519 over the SHA-256 hash of the data, not over the data.
                    Signature ed25519 = Signature.getInstance("Ed25519");
                    ed25519.initSign(key);
                    ed25519.update(sha256().digest(headerHashInput));
                    yield ed25519.sign();
                }
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign with " + algorithm.signatureAlgorithm(), e);
        }
    }

    /** Bare LF to CRLF, and a final CRLF if the message lacks one: DotStuffingOutputStream's rules. */
    static byte[] wireForm(byte[] message) {
        boolean bareLineFeed = false;
        for (int i = 0; i < message.length && !bareLineFeed; i++) {
            bareLineFeed = message[i] == LF && (i == 0 || message[i - 1] != CR);
        }
        boolean endsWithLineEnd = message.length >= 2
                && message[message.length - 2] == CR && message[message.length - 1] == LF;
        if (!bareLineFeed && (endsWithLineEnd || message.length == 0)) {
            return message;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 64);
        for (int i = 0; i < message.length; i++) {
            if (message[i] == LF && (i == 0 || message[i - 1] != CR)) {
                out.write(CR);
            }
            out.write(message[i]);
        }
        byte last = message[message.length - 1];
        if (last == CR) {
            out.write(LF);
        } else if (last != LF) {
            out.write(CR);
            out.write(LF);
        }
        return out.toByteArray();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
