package org.ledgermta.delivery.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ledgermta.domain.sender.DkimAlgorithm;

class DkimKeyMaterialTest {

    @Test
    void rsaKeysHave2048BitsAndPublishTheirSubjectPublicKeyInfo() {
        KeyPair keys = DkimKeyMaterial.generate(DkimAlgorithm.RSA_2048);

        assertThat(((RSAPublicKey) keys.getPublic()).getModulus().bitLength()).isEqualTo(2048);
        String p = DkimKeyMaterial.publicKeyForDns(keys.getPublic());
        assertThat(Base64.getDecoder().decode(p)).isEqualTo(keys.getPublic().getEncoded()).hasSize(294);
    }

    @Test
    void ed25519KeysPublishTheRaw32ByteKeyNotTheSubjectPublicKeyInfo() {
        KeyPair keys = DkimKeyMaterial.generate(DkimAlgorithm.ED25519);

        byte[] p = Base64.getDecoder().decode(DkimKeyMaterial.publicKeyForDns(keys.getPublic()));
        byte[] spki = keys.getPublic().getEncoded();
        assertThat(p).hasSize(32).isEqualTo(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
    }

    @ParameterizedTest
    @EnumSource(DkimAlgorithm.class)
    void publishedKeysReadBack(DkimAlgorithm algorithm) {
        KeyPair keys = DkimKeyMaterial.generate(algorithm);
        String p = DkimKeyMaterial.publicKeyForDns(keys.getPublic());

        assertThat(DkimKeyMaterial.publicKeyFromDns(p, algorithm).getEncoded())
                .isEqualTo(keys.getPublic().getEncoded());
        String folded = p.substring(0, 20) + " \r\n\t" + p.substring(20);
        assertThat(DkimKeyMaterial.publicKeyFromDns(folded, algorithm)).isEqualTo(keys.getPublic());
    }

    @ParameterizedTest
    @EnumSource(DkimAlgorithm.class)
    void privateKeysRoundTripThroughPkcs8(DkimAlgorithm algorithm) {
        KeyPair keys = DkimKeyMaterial.generate(algorithm);

        byte[] pkcs8 = DkimKeyMaterial.encodePrivateKey(keys.getPrivate());

        assertThat(DkimKeyMaterial.decodePrivateKey(pkcs8, algorithm)).isEqualTo(keys.getPrivate());
        assertThat(DkimKeyMaterial.algorithmOf(keys.getPrivate())).isEqualTo(algorithm);
        assertThat(DkimKeyMaterial.algorithmOf(keys.getPublic())).isEqualTo(algorithm);
    }

    @Test
    void aPrivateKeyOfAnotherAlgorithmIsRefused() {
        byte[] ed25519 = DkimKeyMaterial.encodePrivateKey(DkimKeyMaterial.generate(DkimAlgorithm.ED25519).getPrivate());

        assertThatThrownBy(() -> DkimKeyMaterial.decodePrivateKey(ed25519, DkimAlgorithm.RSA_2048))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("These bytes are not a PKCS#8 rsa private key.");
    }

    @Test
    void keysNoVerifierAcceptsAreRefused() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(768);
        KeyPair small = rsa.generateKeyPair();
        KeyPair ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair();

        assertThatThrownBy(() -> DkimKeyMaterial.algorithmOf(small.getPrivate()))
                .hasMessageContaining("768 bits").hasMessageContaining("RFC 8301");
        assertThatThrownBy(() -> DkimKeyMaterial.publicKeyForDns(ed448.getPublic()))
                .hasMessageContaining("cannot sign DKIM");
    }

    @Test
    void anEd25519RecordOfTheWrongLengthIsRefused() {
        String spki = Base64.getEncoder().encodeToString(
                DkimKeyMaterial.generate(DkimAlgorithm.ED25519).getPublic().getEncoded());

        assertThatThrownBy(() -> DkimKeyMaterial.publicKeyFromDns(spki, DkimAlgorithm.ED25519))
                .hasMessage("The p= text of an Ed25519 key record holds 44 bytes: expected the raw 32-byte key"
                        + " (RFC 8463 §4.2).");
    }
}
