package org.ledgermta.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.EmailAddress;
import org.ledgermta.domain.IntakeRoute;
import org.ledgermta.domain.ReversePath;
import org.ledgermta.domain.egress.EgressIpAddress;

class MessageCommandValidationTest {

    private static final MessageId ID = MessageId.of("Q0000001-test");
    private static final EmailAddress ALICE = new EmailAddress("alice@example.org");
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final SmtpReply OK = new SmtpReply(250, "2.0.0", "Ok");

    private static AcceptMessageCommand accept(List<EmailAddress> recipients, Instant expiresAt) {
        return new AcceptMessageCommand(ID, new AccountId("acme"), ReversePath.nullSender(), recipients,
                new MessageBody("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", 0),
                null, null, "192.0.2.7", IntakeRoute.SMTP, NOW, expiresAt);
    }

    @Test
    void acceptCopiesItsRecipientsAndAllowsMissingHeaders() {
        var recipients = new ArrayList<>(List.of(ALICE));
        AcceptMessageCommand command = accept(recipients, NOW.plusSeconds(1));
        recipients.clear();

        assertThat(command.recipients()).containsExactly(ALICE);
        assertThat(command.headerMessageId()).isNull();
    }

    @Test
    void acceptNeedsAtLeastOneRecipient() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> accept(List.of(), NOW.plusSeconds(1)))
                .withMessageContaining("has no recipients");
    }

    @Test
    void acceptNamesEachRecipientOnce() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> accept(List.of(ALICE, new EmailAddress("alice@EXAMPLE.org")), NOW.plusSeconds(1)))
                .withMessageContaining("names recipient alice@example.org twice");
    }

    @Test
    void acceptExpiresAfterItIsAccepted() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> accept(List.of(ALICE), NOW))
                .withMessageContaining("not after its acceptance");
    }

    @Test
    void acceptNeedsAnAccount() {
        assertThatNullPointerException()
                .isThrownBy(() -> new AcceptMessageCommand(ID, null, ReversePath.nullSender(), List.of(ALICE),
                        new MessageBody("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", 0),
                        null, null, "", IntakeRoute.BOUNCE, NOW, NOW.plusSeconds(1)))
                .withMessageContaining("account is required");
    }

    @Test
    void attemptReportsEachRecipientOnce() {
        RecipientResult result = new RecipientResult(ALICE, OK, RecipientOutcome.DELIVERED);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RecordDeliveryAttemptCommand(ID, new EgressIpAddress("127.0.0.11"), "mx",
                        "127.0.0.1", false, Duration.ZERO, List.of(result, result), NOW))
                .withMessageContaining("reports alice@example.org twice");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RecordDeliveryAttemptCommand(ID, new EgressIpAddress("127.0.0.11"), "mx",
                        "127.0.0.1", false, Duration.ZERO, List.of(), NOW))
                .withMessageContaining("has no recipient results");
    }

    @Test
    void resultOutcomeAgreesWithTheReply() {
        SmtpReply greylisted = new SmtpReply(451, "4.7.1", "Greylisted");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RecipientResult(ALICE, greylisted, RecipientOutcome.DELIVERED))
                .withMessageContaining("DELIVERED goes with a 2xx reply");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RecipientResult(ALICE, OK, RecipientOutcome.DEFERRED))
                .withMessageContaining("every other outcome with a failure");
        // An unknown 5xx naming a block list is classified as a block, not a bounce.
        assertThat(new RecipientResult(ALICE, new SmtpReply(554, "5.7.1", "listed at zen.spamhaus.org"),
                RecipientOutcome.EGRESS_BLOCKED).outcome()).isEqualTo(RecipientOutcome.EGRESS_BLOCKED);
    }

    @Test
    void notificationIsADifferentMessage() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RecordBounceNotificationCommand(ID, ID, NOW))
                .withMessageContaining("has the message's own id");
    }
}
