package org.ledgermta.domain.provider;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A malformed provider table stops start-up with the source, the line and what to fix. */
class ProvidersTableErrorsTest {

    // Lines of each table are separated by ¶; {default} is a valid default section (lines 1 and 2), {gmail} the
    // start of a provider section (lines 3 and 4).
    private static final String DEFAULT_SECTION =
            "provider default ¶ shaping connections=5 messages-per-connection=100 messages-per-minute=0";
    private static final String GMAIL_SECTION = "provider gmail ¶ mx *.google.com";

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '§', textBlock = """
            §provider gmail ¶ mx *.google.com§ | line 2: the table has no 'provider default' section
            §§ | line 1: the table has no 'provider default' section
            §provider default§ | line 1: the default provider has no 'shaping' line
            §{default} ¶ provider default¶ shaping connections=1 messages-per-connection=1 messages-per-minute=1§ | line 3: provider 'default' is already written on line 1
            §{default} ¶ mx *.example.net§ | line 3: the default provider takes every MX host no other provider names
            §mx *.example.net ¶ {default}§ | line 1: 'mx' must follow a 'provider NAME' line
            §{default} ¶ host *.example.net§ | line 3: 'host' is not a line of this table
            §{default} ¶ provider Big Mail§ | line 3: expected 'provider NAME'
            §{default} ¶ provider big_mail§ | line 3: Provider name 'big_mail' is not valid
            §{default} ¶ provider -mail§ | line 3: Provider name '-mail' is not valid
            §{default} ¶ provider gmail§ | line 3: provider 'gmail' has no 'mx' line
            §{default} ¶ provider gmail ¶ mx§ | line 4: expected 'mx PATTERN …'
            §{default} ¶ provider gmail ¶ mx *.google.com *google.com§ | line 4: mx pattern '*google.com' is not a host name such as mx.example.net or a glob
            §{default} ¶ {gmail} ¶ provider other ¶ mx alt1.aspmx.l.google.com§ | line 6: mx pattern 'alt1.aspmx.l.google.com' can never match: '*.google.com' on line 4
            §{default} ¶ provider gmail ¶ mx *.google.com *.l.google.com§ | line 4: mx pattern '*.l.google.com' can never match
            §{default} ¶ provider gmail ¶ mx *.google.com GOOGLE.com. *.google.com§ | line 4: mx pattern '*.google.com' can never match: '*.google.com' on line 4
            §{default} ¶ {gmail} ¶ shaping connections=5 messages-per-connection=50§ | line 5: shaping setting 'messages-per-minute' is missing: expected connections=N messages-per-connection=N messages-per-minute=N
            §{default} ¶ {gmail} ¶ shaping connections=5 messages-per-connection=50 per-minute=3§ | line 5: 'per-minute=3' is not a shaping setting: expected connections=N messages-per-connection=N messages-per-minute=N
            §{default} ¶ {gmail} ¶ shaping connections=5 connections=6 messages-per-connection=50 messages-per-minute=0§ | line 5: shaping setting 'connections' is written twice
            §{default} ¶ {gmail} ¶ shaping connections=0 messages-per-connection=50 messages-per-minute=0§ | line 5: connections=0 must be at least 1.
            §{default} ¶ {gmail} ¶ shaping connections=five messages-per-connection=50 messages-per-minute=0§ | line 5: connections=five is not a whole number
            §{default} ¶ {gmail} ¶ shaping connections=5 messages-per-connection=50 messages-per-minute=-1§ | line 5: messages-per-minute=-1 is not a whole number
            §{default} ¶ shaping connections=5 messages-per-connection=50 messages-per-minute=0§ | line 3: provider 'default' already has a 'shaping' line, on line 2
            §{default} ¶ {gmail} ¶ back-off 421 | 4.7.28 | unusual rate | rate=10/min step=60m steps=4§ | line 5: the back-off rule has no '# sample: ' line above it
            §{default} ¶ {gmail} ¶ # sample: 421 4.7.28 unusual rate§ | line 5: a sample with no back-off rule below it
            §{default} ¶ provider gmail ¶ # sample: 421 4.7.28 unusual rate ¶ mx *.google.com§ | line 4: a sample with no back-off rule below it (line 5 is a 'mx' line)
            §{default} ¶ {gmail} ¶ # sample: 421 4.7.28 unusual rate ¶ back-off 421 | 4.7.28 | unusual rate§ | line 6: expected 'back-off CODES | ENHANCED | REGEX | rate=N/min step=DURATION steps=N': four fields separated by ' | ', found 3
            §{default} ¶ {gmail} ¶ # sample: 421 4.7.28 a quiet day ¶ back-off 421 | 4.7.28 | unusual rate | rate=10/min step=60m steps=4§ | line 6: the rule does not match its sample on line 5: '421 4.7.28 a quiet day'
            §{default} ¶ {gmail} ¶ # sample: 421 4.7.28 unusual rate ¶ back-off 421 | 4.7.0 | unusual rate | rate=10/min step=60m steps=4§ | line 6: the rule does not match its sample on line 5
            §{default} ¶ {gmail} ¶ # sample: 250 2.0.0 unusual rate ¶ back-off 250 | * | unusual rate | rate=10/min step=60m steps=4§ | line 6: CODES item '250' is not a failure
            §{default} ¶ {gmail} ¶ # sample: 421 4.7.28 unusual rate ¶ back-off 421 | 4.7 | unusual rate | rate=10/min step=60m steps=4§ | line 6: ENHANCED item '4.7' is not class.subject.detail
            §{default} ¶ {gmail} ¶ # sample: 421 4.7.28 unusual rate ¶ back-off 421 | 4.7.28 | (unusual | rate=10/min step=60m steps=4§ | line 6: REGEX is not a valid Java regular expression
            §{default} ¶ {gmail} ¶ # sample: 421 4.7.28 unusual rate ¶ back-off 421 | 4.7.28 | unusual rate | rate=10 step=60m steps=4§ | line 6: rate=10 is not a rate: expected messages a minute, such as rate=20/min
            §{default} ¶ {gmail} ¶ # sample: 421 4.7.28 unusual rate ¶ back-off 421 | 4.7.28 | unusual rate | rate=0/min step=60m steps=4§ | line 6: A back-off rate of 0 a minute is not valid: it must be at least 1
            §{default} ¶ {gmail} ¶ # sample: 421 4.7.28 unusual rate ¶ back-off 421 | 4.7.28 | unusual rate | rate=10/min step=60 steps=4§ | line 6: step '60' is not a duration
            §{default} ¶ {gmail} ¶ # sample: 421 4.7.28 unusual rate ¶ back-off 421 | 4.7.28 | unusual rate | rate=10/min step=0m steps=4§ | line 6: step '0m' must be longer than zero
            §{default} ¶ {gmail} ¶ # sample: 421 4.7.28 unusual rate ¶ back-off 421 | 4.7.28 | unusual rate | rate=10/min step=60m§ | line 6: back-off setting 'steps' is missing: expected rate=N/min step=DURATION steps=N
            §{default} ¶ {gmail} ¶ # sample: 421 4.7.28 unusual rate ¶ back-off 421 | 4.7.28 | unusual rate | rate=10/min step=60m steps=0§ | line 6: A back-off of 0 steps is not valid: it needs at least 1.
            §{default} ¶ {gmail} ¶ # sample: 421 4.7.28 unusual rate ¶ back-off 421 | 4.7.28 | unusual rate | rate=10/min step=60m steps=40§ | line 6: A back-off from 10 a minute over 40 steps would end above 2147483647 a minute: use fewer steps.
            §{default} ¶ {gmail} ¶ # sample: 421 4.7.28 unusual rate ¶ back-off 421 | * | rate | rate=10/min step=60m steps=4 ¶ # sample: 421 4.7.28 unusual rate of mail ¶ back-off 421 | * | unusual rate | rate=10/min step=60m steps=4§ | line 8: the earlier back-off rule on line 6 takes this rule's sample '421 4.7.28 unusual rate of mail'; put the narrower rule first
            §{default} ¶ {gmail} ¶ # sample: hello ¶ back-off 421 | * | x | rate=10/min step=60m steps=4§ | line 5: sample: 'hello' is not a reply
            §{default} ¶ {gmail} ¶ # a note ¶ ¶ # sample: 421 x ¶ back-off 421 | * | ( | rate=10/min step=60m steps=4§ | line 8: REGEX is not a valid
            """)
    void malformedTableIsRefusedNamingTheLine(String table, String reason) {
        String text = table.replace("{default}", DEFAULT_SECTION).replace("{gmail}", GMAIL_SECTION).replaceAll(" ?¶ ?", "\n");
        List<String> lines = text.isEmpty() ? List.of() : Arrays.asList(text.split("\n", -1));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Providers.parse(lines, "test table"))
                .withMessageStartingWith("test table line ")
                .withMessageContaining(reason);
    }
}
