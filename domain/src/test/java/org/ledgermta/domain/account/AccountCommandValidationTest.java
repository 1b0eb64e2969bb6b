package org.ledgermta.domain.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.limit.VolumeLimits;

class AccountCommandValidationTest {

    private static final AccountId ACME = new AccountId("acme");
    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void networkListedTwiceIsKeptOnceInTheOrderGiven() {
        var command = new ChangeAccountNetworksCommand(ACME, List.of(new Cidr("2001:DB8::/32"),
                new Cidr("10.0.0.0/8"), new Cidr("2001:db8::/32")), AT);

        assertThat(command.networks()).containsExactly(new Cidr("2001:db8::/32"), new Cidr("10.0.0.0/8"));
    }

    @Test
    void nullNetworkListIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CreateAccountCommand(ACME, null, null, VolumeLimits.UNLIMITED, AT))
                .withMessageContaining("Account acme needs a list of networks");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ChangeAccountNetworksCommand(ACME, Arrays.asList((Cidr) null), AT))
                .withMessageContaining("lists a null network");
    }

    @Test
    void accountMayRelayByNetworkOnly() {
        assertThat(new CreateAccountCommand(ACME, List.of(new Cidr("192.0.2.7")), null, VolumeLimits.UNLIMITED, AT)
                .passwordHash()).isNull();
    }

    @Test
    void suspensionNeedsAReason() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SuspendAccountCommand(ACME, " ", AT))
                .withMessageContaining("To suspend account acme, say why");
    }

    @Test
    void resumptionNoteDefaultsToEmpty() {
        assertThat(new ResumeAccountCommand(ACME, null, AT).note()).isEmpty();
    }

    @Test
    void limitsAreRequired() {
        assertThatNullPointerException()
                .isThrownBy(() -> new ChangeAccountLimitsCommand(ACME, null, AT))
                .withMessageContaining("VolumeLimits.UNLIMITED");
    }

    @Test
    void rejectionWithoutRecipientsHasAnEmptyList() {
        var event = new MessageRejectedEvent(null, "198.51.100.1", null, null, RejectionReason.RELAY_DENIED,
                "554 5.7.1 Relay access denied", AT);

        assertThat(event.recipients()).isEmpty();
    }
}
