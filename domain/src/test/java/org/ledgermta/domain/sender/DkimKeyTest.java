package org.ledgermta.domain.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DkimKeyTest {

    private static final DkimSelector SELECTOR = new DkimSelector("s2026");
    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");
    private static final String VAULT_TEXT = "vault:v1:Zm9vYmFyLXNlY3JldC1rZXktbWF0ZXJpYWw=";

    private static String rsaKey(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        RSAPublicKey key = (RSAPublicKey) generator.generateKeyPair().getPublic();
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    private static byte[] ed25519SubjectPublicKeyInfo() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
    }

    private static String ed25519Key() throws Exception {
        byte[] info = ed25519SubjectPublicKeyInfo();
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(info, info.length - 32, info.length));
    }

    @Test
    void keysAsTheJdkGeneratesThemAreAccepted() throws Exception {
        String rsa = rsaKey(2048);
        String ed25519 = ed25519Key();

        assertThat(new DkimKey(SELECTOR, DkimAlgorithm.RSA_2048, rsa, VAULT_TEXT, AT).publicKey()).isEqualTo(rsa);
        assertThat(new DkimKey(SELECTOR, DkimAlgorithm.ED25519, ed25519, VAULT_TEXT, AT).publicKey())
                .isEqualTo(ed25519);
    }

    @Test
    void toStringNeverShowsTheEncryptedPrivateKey() throws Exception {
        DkimKey key = new DkimKey(SELECTOR, DkimAlgorithm.ED25519, ed25519Key(), VAULT_TEXT, AT);

        assertThat(key.toString())
                .doesNotContain(VAULT_TEXT)
                .doesNotContain("Zm9vYmFy")
                .contains("selector=s2026", "algorithm=ED25519", "publicKey=" + key.publicKey(),
                        "encryptedPrivateKey=***", "createdAt=" + AT);
    }

    @Test
    void foldedPublicKeyIsStoredWithoutWhiteSpace() throws Exception {
        String rsa = rsaKey(2048);
        String folded = rsa.substring(0, 64) + "\r\n\t" + rsa.substring(64, 200) + " " + rsa.substring(200);

        assertThat(new DkimKey(SELECTOR, DkimAlgorithm.RSA_2048, folded, VAULT_TEXT, AT).publicKey()).isEqualTo(rsa);
    }

    @Test
    void rsaKeyShorterThan2048BitsIsRefused() throws Exception {
        String rsa1024 = rsaKey(1024);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DkimKey(SELECTOR, DkimAlgorithm.RSA_2048, rsa1024, VAULT_TEXT, AT))
                .withMessage("DKIM key s2026 has an RSA public key of 162 bytes: expected the DER encoding of a"
                        + " 2048-bit key, about 294 bytes (RFC 8301 §3.2).");
    }

    @Test
    void ed25519KeyInItsSubjectPublicKeyInfoFormIsRefusedWithTheWayOut() throws Exception {
        String info = Base64.getEncoder().encodeToString(ed25519SubjectPublicKeyInfo());

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DkimKey(SELECTOR, DkimAlgorithm.ED25519, info, VAULT_TEXT, AT))
                .withMessageContaining("RFC 8463 §4.2 publishes the raw 32-byte key, the last 32 bytes");
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
            ED25519  | AAAA                             | Ed25519 public key of 3 bytes: expected 32
            ED25519  | ''                               | empty public key, which publishes it as revoked
            ED25519  | not*base64                       | not standard base64
            RSA_2048 | -----BEGIN PUBLIC KEY-----       | not standard base64
            RSA_2048 | AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA | RSA public key of 24 bytes
            """)
    void malformedPublicKeyIsRefused(DkimAlgorithm algorithm, String publicKey, String reason) {
        String key = publicKey.equals("''") ? "" : publicKey;
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DkimKey(SELECTOR, algorithm, key, VAULT_TEXT, AT))
                .withMessageStartingWith("DKIM key s2026 ")
                .withMessageContaining(reason);
    }

    @Test
    void everyPartIsRequired() throws Exception {
        String key = ed25519Key();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DkimKey(SELECTOR, DkimAlgorithm.ED25519, key, " ", AT))
                .withMessageContaining("has no private key: expected the key vault's encrypted text");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DkimKey(SELECTOR, DkimAlgorithm.ED25519, null, VAULT_TEXT, AT))
                .withMessageContaining("has no public key");
        assertThatNullPointerException()
                .isThrownBy(() -> new DkimKey(SELECTOR, null, key, VAULT_TEXT, AT))
                .withMessageContaining("algorithm is required");
        assertThatNullPointerException()
                .isThrownBy(() -> new DkimKey(SELECTOR, DkimAlgorithm.ED25519, key, VAULT_TEXT, null))
                .withMessageContaining("createdAt is required");
    }
}
