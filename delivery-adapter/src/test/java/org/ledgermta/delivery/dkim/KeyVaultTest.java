package org.ledgermta.delivery.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ledgermta.domain.DomainName;
import org.ledgermta.domain.sender.DkimAlgorithm;
import org.ledgermta.domain.sender.DkimSelector;

class KeyVaultTest {

    private static final DomainName DOMAIN = new DomainName("shop.example");
    private static final DkimSelector SELECTOR = new DkimSelector("s2026");

    private final KeyVault vault = new KeyVault(KeyVault.newMasterKey());

    @ParameterizedTest
    @EnumSource(DkimAlgorithm.class)
    void sealedKeysOpenToTheSameKey(DkimAlgorithm algorithm) {
        PrivateKey key = DkimKeyMaterial.generate(algorithm).getPrivate();

        String sealed = vault.seal(key, DOMAIN, SELECTOR);

        assertThat(sealed).matches("v1:[A-Za-z0-9+/]{16}:[A-Za-z0-9+/]+={0,2}");
        assertThat(Base64.getDecoder().decode(sealed.split(":")[1])).hasSize(12);
        assertThat(vault.open(sealed, DOMAIN, SELECTOR, algorithm)).isEqualTo(key);
        // Domain and selector compare without case, as DNS names do.
        assertThat(vault.open(sealed, new DomainName("Shop.Example"), new DkimSelector("S2026"), algorithm))
                .isEqualTo(key);
    }

    @Test
    void sealingTwiceUsesTwoNonces() {
        PrivateKey key = DkimKeyMaterial.generate(DkimAlgorithm.ED25519).getPrivate();

        assertThat(vault.seal(key, DOMAIN, SELECTOR)).isNotEqualTo(vault.seal(key, DOMAIN, SELECTOR));
    }

    @Test
    void anotherMasterKeyCannotOpenIt() {
        String sealed = vault.seal(DkimKeyMaterial.generate(DkimAlgorithm.RSA_2048).getPrivate(), DOMAIN, SELECTOR);
        KeyVault other = new KeyVault(KeyVault.newMasterKey());

        assertThatThrownBy(() -> other.open(sealed, DOMAIN, SELECTOR, DkimAlgorithm.RSA_2048))
                .isInstanceOfSatisfying(SealedKeyException.class, e -> {
                    assertThat(e.reason()).isEqualTo(SealedKeyException.Reason.NOT_AUTHENTIC);
                    assertThat(e.domain()).isEqualTo(DOMAIN);
                    assertThat(e.selector()).isEqualTo(SELECTOR);
                })
                .hasMessage("The sealed DKIM key of selector s2026 for shop.example does not decrypt: it was"
                        + " sealed under another master key (mta.dkim.master-key), or for another domain or"
                        + " selector, or it has been altered.");
    }

    @Test
    void aKeyCopiedToAnotherDomainOrSelectorDoesNotOpen() {
        String sealed = vault.seal(DkimKeyMaterial.generate(DkimAlgorithm.ED25519).getPrivate(), DOMAIN, SELECTOR);

        assertThatThrownBy(() -> vault.open(sealed, new DomainName("bank.example"), SELECTOR, DkimAlgorithm.ED25519))
                .isInstanceOfSatisfying(SealedKeyException.class,
                        e -> assertThat(e.reason()).isEqualTo(SealedKeyException.Reason.NOT_AUTHENTIC));
        assertThatThrownBy(() -> vault.open(sealed, DOMAIN, new DkimSelector("s2027"), DkimAlgorithm.ED25519))
                .isInstanceOfSatisfying(SealedKeyException.class,
                        e -> assertThat(e.reason()).isEqualTo(SealedKeyException.Reason.NOT_AUTHENTIC));
    }

    @Test
    void anAlteredCiphertextOrNonceDoesNotOpen() {
        String sealed = vault.seal(DkimKeyMaterial.generate(DkimAlgorithm.ED25519).getPrivate(), DOMAIN, SELECTOR);
        String[] parts = sealed.split(":");
        byte[] ciphertext = Base64.getDecoder().decode(parts[2]);
        ciphertext[ciphertext.length / 2] ^= 1;
        byte[] nonce = Base64.getDecoder().decode(parts[1]);
        nonce[0] ^= 1;

        for (String altered : new String[] {
                parts[0] + ":" + parts[1] + ":" + Base64.getEncoder().encodeToString(ciphertext),
                parts[0] + ":" + Base64.getEncoder().encodeToString(nonce) + ":" + parts[2]}) {
            assertThatThrownBy(() -> vault.open(altered, DOMAIN, SELECTOR, DkimAlgorithm.ED25519))
                    .isInstanceOfSatisfying(SealedKeyException.class,
                            e -> assertThat(e.reason()).isEqualTo(SealedKeyException.Reason.NOT_AUTHENTIC));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "v1:abc", "v2:AAAAAAAAAAAAAAAA:AAAA", "v1:AAAA:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "v1:%%%:AAAA", "-----BEGIN PRIVATE KEY-----"})
    void textThatIsNotSealedByTheVaultIsMalformed(String notSealed) {
        assertThatThrownBy(() -> vault.open(notSealed, DOMAIN, SELECTOR, DkimAlgorithm.RSA_2048))
                .isInstanceOfSatisfying(SealedKeyException.class,
                        e -> assertThat(e.reason()).isEqualTo(SealedKeyException.Reason.MALFORMED))
                .hasMessageStartingWith("The sealed DKIM key of selector s2026 for shop.example ");
    }

    @Test
    void openingAsAnotherAlgorithmIsRefused() {
        String sealed = vault.seal(DkimKeyMaterial.generate(DkimAlgorithm.ED25519).getPrivate(), DOMAIN, SELECTOR);

        assertThatThrownBy(() -> vault.open(sealed, DOMAIN, SELECTOR, DkimAlgorithm.RSA_2048))
                .isInstanceOfSatisfying(SealedKeyException.class,
                        e -> assertThat(e.reason()).isEqualTo(SealedKeyException.Reason.WRONG_ALGORITHM))
                .hasMessageContaining("decrypts, but is not a rsa private key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"c2hvcnQ=", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="})
    void aMasterKeyOfAnotherLengthIsRefusedWithHowToMakeOne(String masterKey) { // 5, 31, 33 and 64 bytes
        assertThatThrownBy(() -> new KeyVault(masterKey))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The DKIM master key (mta.dkim.master-key) decodes to ")
                .hasMessageContaining("AES-256 needs exactly 32")
                .hasMessageEndingWith("make one with: openssl rand -base64 32.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not base64!"})
    void aMissingOrGarbledMasterKeyIsRefusedWithHowToMakeOne(String masterKey) {
        assertThatThrownBy(() -> new KeyVault(masterKey))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("make one with: openssl rand -base64 32.");
    }

    @Test
    void theVaultAndItsSealedTextShowNoKeyMaterial() {
        String masterKey = KeyVault.newMasterKey();
        KeyPair keys = DkimKeyMaterial.generate(DkimAlgorithm.ED25519);
        KeyVault keyVault = new KeyVault(masterKey);

        String sealed = keyVault.seal(keys.getPrivate(), DOMAIN, SELECTOR);

        assertThat(keyVault.toString()).doesNotContain(masterKey);
        assertThat(sealed).doesNotContain(
                Base64.getEncoder().encodeToString(DkimKeyMaterial.encodePrivateKey(keys.getPrivate())));
        assertThat(Base64.getDecoder().decode(masterKey)).hasSize(32);
    }
}
