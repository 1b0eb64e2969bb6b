package org.ledgermta.domain.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.DomainName;

class SenderCommandValidationTest {

    private static final DomainName SHOP = new DomainName("shop.example");
    private static final AccountId ACME = new AccountId("acme");
    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");

    private static DkimKey key(String selector) {
        return new DkimKey(new DkimSelector(selector), DkimAlgorithm.ED25519,
                Base64.getEncoder().encodeToString(new byte[32]), "vault:v1:c2VjcmV0", AT);
    }

    @Test
    void zeroGraceWithdrawsACompromisedKeyAtOnce() {
        assertThat(new RotateDkimKeyCommand(SHOP, key("s2"), Duration.ZERO, AT).grace()).isZero();
    }

    @Test
    void negativeGraceIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RotateDkimKeyCommand(SHOP, key("s2"), Duration.ofHours(-1), AT))
                .withMessageContaining("Grace PT-1H for the old DKIM key of shop.example is negative");
        assertThatNullPointerException()
                .isThrownBy(() -> new RotateDkimKeyCommand(SHOP, key("s2"), null, AT))
                .withMessageContaining("Duration.ZERO");
    }

    @Test
    void keyWhoseRecordNameWouldNotFitIsRefusedWithTheDomain() {
        DomainName longDomain = new DomainName("a".repeat(63) + "." + "b".repeat(63) + ".example");
        DkimKey longSelector = key("c".repeat(60) + "." + "d".repeat(60));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RegisterSenderDomainCommand(longDomain, ACME, longSelector, AT))
                .withMessageContaining("is too long for domain " + longDomain);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RotateDkimKeyCommand(longDomain, longSelector, Duration.ZERO, AT))
                .withMessageContaining("expected at most 253");
    }

    @Test
    void registrationNeedsItsFirstKey() {
        assertThatNullPointerException()
                .isThrownBy(() -> new RegisterSenderDomainCommand(SHOP, ACME, null, AT))
                .withMessageContaining("registered with its first DKIM key");
    }

    @Test
    void removalNamesWhoDidIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RemoveSenderDomainCommand(SHOP, " ", AT))
                .withMessageContaining("To remove sender domain shop.example, say who does it");
    }

    @Test
    void senderPolicyIsRequired() {
        assertThatNullPointerException()
                .isThrownBy(() -> new ChangeAccountSenderPolicyCommand(ACME, null, AT))
                .withMessageContaining("ACCEPT_AND_FLAG or REFUSE");
    }

    @Test
    void skippedSignatureMayHaveNoFromDomainButNeedsAReason() {
        assertThat(new MessageSignatureSkippedEvent("Q0000001-test", "acme", null, "no From header", AT)
                .fromDomain()).isNull();
        assertThatNullPointerException()
                .isThrownBy(() -> new MessageSignatureSkippedEvent("Q0000001-test", "acme", "shop.example", null, AT))
                .withMessageContaining("reason is required");
    }
}
