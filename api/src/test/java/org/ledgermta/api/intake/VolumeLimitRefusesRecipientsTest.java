package org.ledgermta.api.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ledgermta.domain.account.MessageRejectedEvent;
import org.ledgermta.domain.account.RejectionReason;

class VolumeLimitRefusesRecipientsTest {

    // the fixture's account name is fresh per run, so its Redis counters start at zero
    @RegisterExtension
    static final IntakeFixture service = IntakeFixture.withProperties("mta.accounts.${account}.limits.per-day=3");

    @Test
    void theRecipientOverTheDailyLimitGets451WithTheLimitAndItsReset() throws Exception {
        try (SmtpTestClient client = service.connect(IntakeFixture.ALLOWED_CLIENT)) {
            client.command("EHLO web7.example");
            assertThat(client.command("MAIL FROM:<news@shop.example>").code()).isEqualTo(250);
            for (int i = 1; i <= 3; i++) {
                assertThat(client.command("RCPT TO:<reader" + i + "@receiver.example>").code()).isEqualTo(250);
            }
            SmtpTestClient.Reply fourth = client.command("RCPT TO:<reader4@receiver.example>");

            assertThat(fourth.code()).isEqualTo(451);
            assertThat(fourth.text()).startsWith("4.7.1 ").contains(service.account).contains("3")
                    .containsIgnoringCase("day").contains("resets at");
        }
        assertThat(service.events(MessageRejectedEvent.class)).singleElement().satisfies(rejected -> {
            assertThat(rejected.reason()).isEqualTo(RejectionReason.OVER_LIMIT);
            assertThat(rejected.account()).isEqualTo(service.account);
            assertThat(rejected.recipients()).containsExactly("reader4@receiver.example");
        });
    }
}
