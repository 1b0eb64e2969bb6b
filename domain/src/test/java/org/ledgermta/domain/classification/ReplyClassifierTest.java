package org.ledgermta.domain.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ledgermta.domain.message.RecipientOutcome;
import org.ledgermta.domain.message.SmtpReply;

class ReplyClassifierTest {

    private static final ReplyClassifier STANDARD = ReplyClassifier.standard();

    /** by: "rule" when a table rule decided, "code" when the reply code's fallback did. */
    @ParameterizedTest(name = "{1} ({2}, {3}): {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
            250 2.0.0 Ok: queued as 4F2A1                                                                         | DELIVERED      | -                | code
            250 2.6.0 <abc@shop.example> [InternalId=1234, Hostname=AM0PR01MB1234.eurprd01.prod.exchangelabs.com] 8812 bytes in 0.121, 71.072 KB/sec Queued mail for delivery | DELIVERED | - | code
            550 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.1 | EGRESS_BLOCKED | Spamhaus | rule
            554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org; Error: open resolver; https://check.spamhaus.org/returnc/pub/203.0.113.53/ | DEFERRED | Spamhaus | rule
            554 5.7.1 Service unavailable; Sender address [news@shop.example] blocked using dbl.spamhaus.org; https://www.spamhaus.org/query/domain/shop.example | BOUNCED | dbl.spamhaus.org | rule
            554 Service unavailable; Client host [192.0.2.1] blocked using Barracuda Reputation; http://www.barracudanetworks.com/reputation/?pr=1&ip=192.0.2.1 | EGRESS_BLOCKED | Barracuda | rule
            554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using bl.mailspike.net; see https://mailspike.org/iplookup.html | EGRESS_BLOCKED | bl.mailspike.net | rule
            421 4.7.28 Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been temporarily rate limited. Please visit https://support.google.com/mail/?p=UnsolicitedRateLimitError to review our Bulk Email Senders Guidelines. a1si2 - gsmtp | DEFERRED | Gmail | rule
            550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3140). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. [DM6NAM12FT034.eop-nam12.prod.protection.outlook.com] | EGRESS_BLOCKED | Microsoft | rule
            550 5.7.606 Access denied, banned sending IP [192.0.2.1]. To request removal from this list please visit https://sender.office.com/ and follow the directions. | EGRESS_BLOCKED | Microsoft | rule
            451 4.7.651 The mail server [192.0.2.1] has been temporarily rate limited due to IP reputation. For e-mail delivery information, see https://postmaster.live.com (S775) | DEFERRED | Microsoft | rule
            421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes | DEFERRED | Yahoo | rule
            421 4.7.1 [TS03] All messages from 192.0.2.1 will be permanently deferred; Retrying will NOT succeed. See https://help.yahoo.com/kb/postmaster/SLN3436.html | EGRESS_BLOCKED | Yahoo | rule
            554 delivery error: dd This user doesn't have a yahoo.com account (bob@yahoo.com) [0] - mta1234.mail.ne1.yahoo.com | BOUNCED | Yahoo | rule
            550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. - gsmtp | BOUNCED | Gmail | rule
            550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in local recipient table             | BOUNCED        | -                | rule
            451 4.7.1 <bob@example.org>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.org.html | DEFERRED | - | rule
            550 5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM. Authentication results: DKIM = did not pass SPF [shop.example] with ip: [192.0.2.1] = did not pass - gsmtp | BOUNCED | Gmail | rule
            552 5.2.2 <bob@example.org>: Recipient address rejected: Mailbox full                                  | DEFERRED       | -                | rule
            552 5.5.3 Error: too many recipients                                                                   | DEFERRED       | -                | rule
            550 5.7.1 [192.0.2.1 12] Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked. Please visit https://support.google.com/mail/?p=UnsolicitedMessageError for more information. - gsmtp | BOUNCED | Gmail | rule
            451 4.3.0 <bob@example.org>: Temporary lookup failure                                                  | DEFERRED       | -                | code
            450 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.1]                                 | DEFERRED       | -                | code
            554 5.7.1 <bob@example.org>: Relay access denied                                                       | BOUNCED        | -                | code
            550 5.7.1 Message rejected as spam by Content Filtering.                                               | BOUNCED        | -                | code
            550 Rejected due to DNSBL server response (dnsbl.cobion.com - 192.0.2.1)                               | EGRESS_BLOCKED | -                | code
            554 5.5.4 Your IP 192.0.2.1 address has a bad reputation. To unblock visit http://cloud-security.net/unblock | EGRESS_BLOCKED | - | code
            550 Black listed at hostkarma http://ipadmin.junkemailfilter.com/remove.php?ip=192.0.2.1                | EGRESS_BLOCKED | -                | code
            450 4.7.1 Client host [192.0.2.1] blocked using RATS-Dyna; https://www.spamrats.com/lookup.php?ip=192.0.2.1 | EGRESS_BLOCKED | - | code
            550 5.7.1 [192.0.2.1 12] Our system has detected that this message is likely suspicious due to the very low reputation of the sending domain. To best protect our users from spam, the message has been blocked. - gsmtp | BOUNCED | - | code
            451 4.7.1 Service unavailable; Sender address [news@shop.example] blocked using dbl.spamhaus.org       | DEFERRED       | -                | code
            """)
    void replyIsClassified(String written, RecipientOutcome outcome, String provider, String by) {
        Classification classification = STANDARD.classify(ReplyText.sample(written));

        assertThat(classification.outcome()).as(classification.basis()).isEqualTo(outcome);
        assertThat(classification.provider()).isEqualTo(provider.equals("-") ? "" : provider);
        assertThat(classification.ruleLine() > 0 ? "rule" : "code").as(classification.basis()).isEqualTo(by);
    }

    @Test
    void multiLineReplyWithItsPrefixesKeptIsClassifiedAsIfJoinedCleanly() {
        SmtpReply gmail = new SmtpReply(421, "4.7.28", """
                Our system has detected an unusual rate of
                421-4.7.28 unsolicited mail originating from your IP address. To protect our
                421-4.7.28 users from spam, mail sent from your IP address has been temporarily
                421-4.7.28 rate limited. Please visit
                421 4.7.28 https://support.google.com/mail/?p=UnsolicitedRateLimitError - gsmtp""");

        Classification classification = STANDARD.classify(gmail);

        // the 421 is a rate limit (a back-off towards Gmail), not a block: the rule for it matched
        assertThat(classification.outcome()).isEqualTo(RecipientOutcome.DEFERRED);
        assertThat(classification.provider()).isEqualTo("Gmail");
        assertThat(classification.ruleLine()).isPositive();
    }

    /** Replies shaped after real ones that no rule knows: only the fallback's wording heuristics decide. */
    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
            550 5.7.1 Client address [192.0.2.1] blocked. Contact postmaster@example.org                          | EGRESS_BLOCKED
            550 5.7.1 Mail from 192.0.2.1 blocked by local policy                                                    | EGRESS_BLOCKED
            421 4.7.1 Connection from [IPv6:2001:db8::11] blocked, try again later                                  | EGRESS_BLOCKED
            550 5.7.1 [192.0.2.1 12] Your message has characteristics of bulk mail and our filters judged the body and its attachments unwanted; it has been blocked | BOUNCED
            451 4.7.1 [192.0.2.1] Message blocked                                                                    | EGRESS_BLOCKED
            554 5.7.1 Message blocked due to content                                                                 | BOUNCED
            550 5.7.1 Sender domain reputation too low                                                               | BOUNCED
            550 5.7.1 Sending IP has poor reputation                                                                 | EGRESS_BLOCKED
            550 5.7.1 Your server is on our denylist                                                                 | EGRESS_BLOCKED
            """)
    void fallbackTakesOnlyBlockListsAndTheIpsReputationAsEgressBlocks(String written, RecipientOutcome outcome) {
        Classification classification = STANDARD.classify(ReplyText.sample(written));

        assertThat(classification.ruleLine()).as(classification.basis()).isZero();
        assertThat(classification.outcome()).isEqualTo(outcome);
    }

    @Test
    void classificationSaysWhichRuleDecidedAndWhatItWasWrittenFor() {
        Classification classification = STANDARD.classify(ReplyText.sample(
                "550 5.7.606 Access denied, banned sending IP [192.0.2.1]."));

        assertThat(classification.basis())
                .startsWith("reply-rules.txt line " + classification.ruleLine() + ", the rule for replies such as")
                .contains("550 5.7.606 Access denied, banned sending IP [192.0.2.1]. To request removal");
    }

    @Test
    void givenTableIsUsedInOrderWithDeliveredRulesSeeingOnly2xx() {
        ReplyClassifier classifier = ReplyClassifier.parse(lines("""
                # sample: 250 2.0.0 Ok: queued as 4F2A1
                DELIVERED | * | * | Postfix | queued as
                # sample: 550 5.7.1 blocked: not queued as you asked
                BOUNCED | 5xx | 5.7.* | - | blocked
                """));

        assertThat(classifier.classify(ReplyText.sample("250 2.0.0 Ok: queued as 77")))
                .isEqualTo(new Classification(RecipientOutcome.DELIVERED, "Postfix", 2,
                        "reply rules line 2, the rule for replies such as '250 2.0.0 Ok: queued as 4F2A1'"));
        assertThat(classifier.classify(ReplyText.sample("550 5.7.1 blocked: not queued as you asked")).ruleLine())
                .isEqualTo(4);
        assertThat(classifier.classify(ReplyText.sample("550 5.1.1 blocked")).outcome())
                .isEqualTo(RecipientOutcome.BOUNCED);
        assertThat(classifier.classify(ReplyText.sample("550 5.1.1 blocked")).ruleLine()).isZero();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
            §DEFERRED | 4xx | * | - | x§ | line 1: the rule has no '# sample: ' line above it
            §# sample: 451 4.7.1 x§ | line 1: a sample with no rule below it
            §# sample: 451 x ¶ RETRY | 4xx | * | - | x§ | line 2: OUTCOME 'RETRY' is not one of DELIVERED, DEFERRED, BOUNCED, EGRESS_BLOCKED
            §# sample: 451 x ¶ DEFERRED | 4xx | * | x§ | line 2: expected five fields 'OUTCOME | CODES | ENHANCED | PROVIDER | REGEX' separated by ' | ', found 4
            §# sample: 451 x ¶ DEFERRED | 4xx | * | -|x§ | line 2: expected five fields
            §# sample: 451 x ¶ DEFERRED | 45x | * | - | x§ | line 2: CODES item '45x' is not a reply code such as 550 or a class such as 5xx
            §# sample: 550 x ¶ DELIVERED | 5xx | * | - | x§ | line 2: CODES item '5xx' does not fit DELIVERED
            §# sample: 250 x ¶ BOUNCED | 250 | * | - | x§ | line 2: CODES item '250' does not fit BOUNCED
            §# sample: 354 x ¶ BOUNCED | 354 | * | - | x§ | line 2: CODES item '354' does not fit BOUNCED
            §# sample: 451 4.7.1 x ¶ DEFERRED | 4xx | 4.7 | - | x§ | line 2: ENHANCED item '4.7' is not class.subject.detail
            §# sample: 451 x ¶ DEFERRED | 4xx | * | - | (unclosed§ | line 2: REGEX is not a valid Java regular expression
            §# sample: 451 x ¶ DEFERRED | 4xx | * | $1 | x§ | line 2: PROVIDER '$1' names the regex's first group, but the regex has no group
            §# sample: 451 4.7.1 Greylisted ¶ DEFERRED | 4xx | * | - | blocked§ | line 2: the rule does not match its sample on line 1: '451 4.7.1 Greylisted'
            §# sample: 550 5.1.1 unknown ¶ DEFERRED | 4xx | * | - | unknown§ | line 2: the rule does not match its sample on line 1
            §# sample: 451 4.7.1 x ¶ DEFERRED | 4xx | 5.7.1 | - | x§ | line 2: the rule does not match its sample on line 1
            §# sample: hello ¶ DEFERRED | 4xx | * | - | x§ | line 1: sample: 'hello' is not a reply
            §# sample: 600 x ¶ DEFERRED | 4xx | * | - | x§ | line 1: sample: SMTP reply code 600 is not valid
            §# a note ¶ ¶ # sample: 451 x ¶ DEFERRED | 4xx | * | - | (§ | line 4: REGEX is not a valid
            """)
    // Lines of each table are separated by ¶.
    void malformedTableIsRefusedNamingTheLine(String table, String reason) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ReplyClassifier.parse(lines(table.replaceAll(" ?¶ ?", "\n"))))
                .withMessageStartingWith("reply rules line ")
                .withMessageContaining(reason);
    }

    private static List<String> lines(String text) {
        return Arrays.asList(text.split("\n", -1));
    }
}
