package org.ledgermta.delivery.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledgermta.delivery.smtp.SmtpTests.EGRESS_1;
import static org.ledgermta.delivery.smtp.SmtpTests.EGRESS_2;
import static org.ledgermta.delivery.smtp.SmtpTests.HELO;
import static org.ledgermta.delivery.smtp.SmtpTests.MESSAGE;
import static org.ledgermta.delivery.smtp.SmtpTests.MX_HOST;
import static org.ledgermta.delivery.smtp.SmtpTests.PATIENCE;
import static org.ledgermta.delivery.smtp.SmtpTests.SENDER;
import static org.ledgermta.delivery.smtp.SmtpTests.completed;
import static org.ledgermta.delivery.smtp.SmtpTests.envelope;
import static org.ledgermta.delivery.smtp.SmtpTests.replyFor;
import static org.ledgermta.delivery.smtp.SmtpTests.settings;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ledgermta.domain.message.SmtpReply;

/** Transactions against a scripted MX on loopback: what the server receives, and what each recipient gets. */
class SmtpDeliveryTest {

    private static final SmtpReply QUEUED = new SmtpReply(250, "2.0.0", "Ok: queued as 4AB12C");

    private final SmtpDelivery delivery = new SmtpDelivery(settings());
    private ScriptedMx mx;

    @AfterEach
    void stop() throws Exception {
        delivery.close();
        if (mx != null) {
            mx.close();
        }
    }

    @Test
    void messageIsDeliveredFromTheChosenEgressIp() throws Exception {
        mx = ScriptedMx.start(new MxScript());

        TransactionResult first = delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(), envelope("a@dest.test"));
        TransactionResult second = delivery.deliver(EGRESS_2, "mta2.test", MX_HOST, mx.address(),
                envelope("b@dest.test"));

        assertThat(completed(first).recipients()).containsExactly(new RecipientReply("a@dest.test", QUEUED));
        assertThat(completed(first).tls()).isFalse();
        assertThat(first.mxHost()).isEqualTo(MX_HOST);
        assertThat(first.mxAddress()).isEqualTo("127.0.0.1:" + mx.address().getPort());
        assertThat(replyFor(second, "b@dest.test")).isEqualTo(QUEUED);
        List<ReceivedTransaction> received = mx.transactions();
        assertThat(received).extracting(ReceivedTransaction::clientIp).containsExactly("127.0.0.11", "127.0.0.12");
        assertThat(received).extracting(ReceivedTransaction::helo).containsExactly(HELO, "mta2.test");
        assertThat(received.getFirst().mailFrom()).isEqualTo(SENDER);
        assertThat(received.getFirst().recipients()).containsExactly("a@dest.test");
        assertThat(received.getFirst().data()).isEqualTo(MESSAGE);
        assertThat(mx.connections()).as("one connection per egress IP").isEqualTo(2);
    }

    @ParameterizedTest(name = "PIPELINING offered: {0}")
    @ValueSource(booleans = {true, false})
    void recipientRefusedAtRcptKeepsItsReplyWhileTheOthersGetTheFinalReply(boolean pipelining) throws Exception {
        mx = ScriptedMx.start(new MxScript().pipelining(pipelining)
                .rcptReply("nobody@dest.test", "550 5.1.1 <nobody@dest.test>: Recipient address rejected: User unknown"));

        TransactionResult result = delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(),
                envelope("a@dest.test", "nobody@dest.test", "c@dest.test"));

        assertThat(completed(result).recipients()).containsExactly(
                new RecipientReply("a@dest.test", QUEUED),
                new RecipientReply("nobody@dest.test", new SmtpReply(550, "5.1.1",
                        "<nobody@dest.test>: Recipient address rejected: User unknown")),
                new RecipientReply("c@dest.test", QUEUED));
        assertThat(mx.transactions()).singleElement()
                .satisfies(t -> assertThat(t.recipients()).containsExactly("a@dest.test", "c@dest.test"));
        assertThat(mx.violations()).isEmpty();
    }

    @ParameterizedTest(name = "PIPELINING offered: {0}")
    @ValueSource(booleans = {true, false})
    void everyRecipientRefusedMeansNoMessageIsSent(boolean pipelining) throws Exception {
        mx = ScriptedMx.start(new MxScript().pipelining(pipelining)
                .rcptReply("x@dest.test", "550 5.1.1 User unknown").rcptReply("y@dest.test", "450 4.2.0 Greylisted"));

        TransactionResult result = delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(),
                envelope("x@dest.test", "y@dest.test"));

        assertThat(replyFor(result, "x@dest.test")).isEqualTo(new SmtpReply(550, "5.1.1", "User unknown"));
        assertThat(replyFor(result, "y@dest.test")).isEqualTo(new SmtpReply(450, "4.2.0", "Greylisted"));
        assertThat(mx.transactions()).isEmpty();
        assertThat(mx.violations()).isEmpty();
    }

    @Test
    void acceptedRecipientsGetTheReplyToData() throws Exception {
        mx = ScriptedMx.start(new MxScript().dataReply("451 4.3.0 Please try again later")
                .rcptReply("nobody@dest.test", "550 5.1.1 User unknown"));

        TransactionResult result = delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(),
                envelope("a@dest.test", "nobody@dest.test"));

        assertThat(replyFor(result, "a@dest.test")).isEqualTo(new SmtpReply(451, "4.3.0", "Please try again later"));
        assertThat(replyFor(result, "nobody@dest.test")).isEqualTo(new SmtpReply(550, "5.1.1", "User unknown"));
    }

    @Test
    void finalReplyAfterTheDotGoesToEveryAcceptedRecipient() throws Exception {
        mx = ScriptedMx.start(new MxScript().finalReply("554 5.7.1 Message rejected as spam"));

        TransactionResult result = delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(),
                envelope("a@dest.test", "b@dest.test"));

        assertThat(completed(result).recipients()).extracting(RecipientReply::reply)
                .containsOnly(new SmtpReply(554, "5.7.1", "Message rejected as spam"));
    }

    @ParameterizedTest(name = "PIPELINING offered: {0}")
    @ValueSource(booleans = {true, false})
    void refusedSenderIsEveryRecipientsReply(boolean pipelining) throws Exception {
        mx = ScriptedMx.start(new MxScript().pipelining(pipelining).mailReply("553 5.7.1 Sender address rejected"));

        TransactionResult result = delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(),
                envelope("a@dest.test", "b@dest.test"));

        assertThat(completed(result).recipients()).extracting(RecipientReply::reply)
                .containsOnly(new SmtpReply(553, "5.7.1", "Sender address rejected"));
        assertThat(mx.transactions()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"554 5.7.1 Service unavailable; client [127.0.0.11] blocked using zen.spamhaus.org",
            "421 4.3.2 Service shutting down"})
    void refusedGreetingIsEveryRecipientsReply(String greeting) throws Exception {
        mx = ScriptedMx.start(new MxScript().greeting(greeting));

        TransactionResult result = delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(),
                envelope("a@dest.test", "b@dest.test"));

        SmtpReply expected = new SmtpReply(Integer.parseInt(greeting.substring(0, 3)), greeting.substring(4, 9),
                greeting.substring(10));
        assertThat(completed(result).recipients()).extracting(RecipientReply::reply).containsOnly(expected);
        assertThat(mx.commands()).doesNotContain("EHLO " + HELO);
        if (greeting.startsWith("554")) {
            // RFC 5321 §3.1: after a 554 greeting the client says QUIT.
            ScriptedMx.await(() -> mx.quits() == 1, PATIENCE, "QUIT after the 554 greeting");
        }
    }

    @Test
    void linesStartingWithADotAndAMissingFinalLineEndSurviveTheRoundTrip() throws Exception {
        mx = ScriptedMx.start(new MxScript());
        String message = "Subject: dots\r\n\r\n.leading dot\r\n..two dots\r\n.\r\n\r\nlast line without CRLF";

        TransactionResult result = delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(),
                new OutboundEnvelope(SENDER, List.of("a@dest.test"), message.getBytes(StandardCharsets.US_ASCII)));

        assertThat(replyFor(result, "a@dest.test")).isEqualTo(QUEUED);
        assertThat(mx.transactions()).singleElement()
                .satisfies(t -> assertThat(t.text()).isEqualTo(message + "\r\n"));
        assertThat(mx.violations()).isEmpty();
    }

    @Test
    void refusedEhloFallsBackToHelo() throws Exception {
        mx = ScriptedMx.start(new MxScript().ehloRefused());

        TransactionResult result = delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(), envelope("a@dest.test"));

        assertThat(replyFor(result, "a@dest.test")).isEqualTo(QUEUED);
        assertThat(mx.commands()).containsSubsequence("EHLO " + HELO, "HELO " + HELO, "MAIL FROM:<" + SENDER + ">");
        assertThat(mx.violations()).as("no PIPELINING after HELO").isEmpty();
    }

    @Test
    void multiLineRefusalIsJoinedWithItsEnhancedCode() throws Exception {
        mx = ScriptedMx.start(new MxScript().rcptReply("gone@dest.test",
                "550-5.1.1 The email account that you tried to reach does not exist.\r\n"
                        + "550 5.1.1 Please try double-checking the recipient's email address."));

        TransactionResult result = delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(), envelope("gone@dest.test"));

        assertThat(replyFor(result, "gone@dest.test")).isEqualTo(new SmtpReply(550, "5.1.1", "The email account that"
                + " you tried to reach does not exist. Please try double-checking the recipient's email address."));
    }

    @Test
    void nullSenderIsSentAsAnEmptyPath() throws Exception {
        mx = ScriptedMx.start(new MxScript());

        delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(), new OutboundEnvelope("", List.of("a@dest.test"), MESSAGE));

        assertThat(mx.commands()).contains("MAIL FROM:<>");
        assertThat(mx.transactions()).singleElement().satisfies(t -> assertThat(t.mailFrom()).isEmpty());
    }

    @Test
    void messageSizeAndEightBitBodyAreDeclaredWhenOffered() throws Exception {
        mx = ScriptedMx.start(new MxScript().sizeLimit(10_000));
        byte[] message = "Subject: caf\u00e9\r\n\r\nCaf\u00e9\r\n".getBytes(StandardCharsets.UTF_8);

        delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(), new OutboundEnvelope(SENDER, List.of("a@dest.test"),
                message));

        assertThat(mx.transactions()).singleElement().satisfies(t -> {
            assertThat(t.mailParameters()).isEqualTo("SIZE=" + message.length + " BODY=8BITMIME");
            assertThat(t.data()).isEqualTo(message);
        });
    }

    @Test
    void messageOverTheDeclaredSizeLimitIsRefusedWithoutBeingSent() throws Exception {
        mx = ScriptedMx.start(new MxScript().sizeLimit(10));

        TransactionResult result = delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(), envelope("a@dest.test"));

        SmtpReply reply = replyFor(result, "a@dest.test");
        assertThat(reply.code()).isEqualTo(552);
        assertThat(reply.enhancedCode()).isEqualTo("5.3.4");
        assertThat(reply.text()).contains("size " + MESSAGE.length, "maximum message size 10");
        assertThat(mx.commands()).noneMatch(command -> command.startsWith("MAIL"));
    }

    @Test
    void nonAsciiAddressGoesWithSmtpUtf8WhenOffered() throws Exception {
        mx = ScriptedMx.start(new MxScript().smtpUtf8());

        TransactionResult result = delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(),
                envelope("用户@dest.test"));

        assertThat(replyFor(result, "用户@dest.test")).isEqualTo(QUEUED);
        assertThat(mx.transactions()).singleElement().satisfies(t -> {
            assertThat(t.recipients()).containsExactly("用户@dest.test");
            assertThat(t.mailParameters()).contains("SMTPUTF8");
        });
    }

    @Test
    void nonAsciiAddressWithoutSmtpUtf8IsAPermanentFailureAndNothingIsSent() throws Exception {
        mx = ScriptedMx.start(new MxScript());

        TransactionResult result = delivery.deliver(EGRESS_1, HELO, MX_HOST, mx.address(),
                envelope("a@dest.test", "用户@dest.test"));

        assertThat(completed(result).recipients()).extracting(RecipientReply::reply).allSatisfy(reply -> {
            assertThat(reply.code()).isEqualTo(553);
            assertThat(reply.enhancedCode()).isEqualTo("5.6.7");
            assertThat(reply.text()).contains("SMTPUTF8");
        });
        assertThat(mx.commands()).noneMatch(command -> command.startsWith("MAIL"));
    }
}
