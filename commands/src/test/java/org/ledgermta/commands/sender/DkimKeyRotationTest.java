package org.ledgermta.commands.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.ledgermta.commands.sender.DkimKeys.REGISTERED_AT;
import static org.ledgermta.commands.sender.DkimKeys.key;

import java.time.Duration;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.CommandRefusedException;
import org.ledgermta.domain.DomainName;
import org.ledgermta.domain.sender.DkimKey;
import org.ledgermta.domain.sender.DkimKeyGeneratedEvent;
import org.ledgermta.domain.sender.DkimKeyRetiredEvent;
import org.ledgermta.domain.sender.DkimKeyRotatedEvent;
import org.ledgermta.domain.sender.DkimSelector;
import org.ledgermta.domain.sender.RetireDkimKeyCommand;
import org.ledgermta.domain.sender.RotateDkimKeyCommand;
import org.ledgermta.domain.sender.SenderDomainRegisteredEvent;

/** Rotation and retirement: the old key stays published during its grace, then may be withdrawn. */
class DkimKeyRotationTest {

    private static final DomainName SHOP = new DomainName("shop.example");
    private static final DkimSelector MARCH = new DkimSelector("s2026-03");
    private static final DkimSelector SEPTEMBER = new DkimSelector("s2026-09");
    private static final DkimSelector MARCH_NEXT_YEAR = new DkimSelector("s2027-03");
    private static final DkimKey FIRST = key(MARCH.value(), 0);
    private static final DkimKey SECOND = key(SEPTEMBER.value(), 1);
    private static final DkimKey THIRD = key(MARCH_NEXT_YEAR.value(), 2);
    // Five days of queue plus a day for the key record's TTL and slow receivers.
    private static final Duration GRACE = Duration.ofDays(6);
    private static final Instant ROTATED_AT = REGISTERED_AT.plus(Duration.ofDays(180));
    private static final Instant GRACE_ENDS = ROTATED_AT.plus(GRACE);

    private static final SenderDomainRegisteredEvent REGISTERED =
            new SenderDomainRegisteredEvent(SHOP, new AccountId("acme"), REGISTERED_AT);
    private static final DkimKeyGeneratedEvent FIRST_GENERATED = new DkimKeyGeneratedEvent(SHOP, FIRST);
    private static final DkimKeyGeneratedEvent SECOND_GENERATED = new DkimKeyGeneratedEvent(SHOP, SECOND);
    private static final DkimKeyRotatedEvent ROTATED =
            new DkimKeyRotatedEvent(SHOP, SEPTEMBER, MARCH, GRACE_ENDS, ROTATED_AT);

    private FixtureConfiguration<SenderDomain> fixture;

    @BeforeEach
    void createFixture() {
        fixture = new AggregateTestFixture<>(SenderDomain.class);
    }

    @Test
    void newKeySignsAndTheOldOneStaysValidForVerificationDuringItsGrace() {
        fixture.given(REGISTERED, FIRST_GENERATED)
                .when(new RotateDkimKeyCommand(SHOP, SECOND, GRACE, ROTATED_AT))
                .expectEvents(SECOND_GENERATED, ROTATED)
                .expectState(domain -> {
                    assertThat(domain.activeKey()).contains(SECOND);
                    assertThat(domain.keysValidForVerification()).containsExactly(
                            new PublishedDkimKey(SECOND, null), new PublishedDkimKey(FIRST, GRACE_ENDS));
                });
    }

    @Test
    void keyRotatedAgainWithinTheGracePublishesThreeKeysTheActiveOneFirst() {
        Instant again = ROTATED_AT.plus(Duration.ofDays(1));
        fixture.given(REGISTERED, FIRST_GENERATED, SECOND_GENERATED, ROTATED)
                .when(new RotateDkimKeyCommand(SHOP, THIRD, GRACE, again))
                .expectEvents(new DkimKeyGeneratedEvent(SHOP, THIRD),
                        new DkimKeyRotatedEvent(SHOP, MARCH_NEXT_YEAR, SEPTEMBER, again.plus(GRACE), again))
                .expectState(domain -> assertThat(domain.keysValidForVerification()).containsExactly(
                        new PublishedDkimKey(THIRD, null), new PublishedDkimKey(FIRST, GRACE_ENDS),
                        new PublishedDkimKey(SECOND, again.plus(GRACE))));
    }

    @Test
    void rotatingToTheActiveSelectorIsRefused() {
        fixture.given(REGISTERED, FIRST_GENERATED)
                .when(new RotateDkimKeyCommand(SHOP, key(MARCH.value(), 1), GRACE, ROTATED_AT))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("Selector s2026-03 already names the active key of sender domain"
                        + " shop.example; rotate to a key with another selector.");
    }

    @Test
    void rotatingToASelectorStillPublishedDuringItsGraceIsRefused() {
        fixture.given(REGISTERED, FIRST_GENERATED, SECOND_GENERATED, ROTATED)
                .when(new RotateDkimKeyCommand(SHOP, key(MARCH.value(), 2), GRACE, ROTATED_AT.plusSeconds(60)))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("Selector s2026-03 of sender domain shop.example still"
                        + " publishes a rotated-out key, valid until " + GRACE_ENDS));
    }

    // Alternating two selectors, as some providers do, reuses a name only after its old record is withdrawn.
    @Test
    void retiredSelectorMayNameANewKey() {
        DkimKey marchAgain = key(MARCH.value(), 2);
        Instant later = GRACE_ENDS.plus(Duration.ofDays(90));
        fixture.given(REGISTERED, FIRST_GENERATED, SECOND_GENERATED, ROTATED,
                        new DkimKeyRetiredEvent(SHOP, MARCH, GRACE_ENDS))
                .when(new RotateDkimKeyCommand(SHOP, marchAgain, GRACE, later))
                .expectEvents(new DkimKeyGeneratedEvent(SHOP, marchAgain),
                        new DkimKeyRotatedEvent(SHOP, MARCH, SEPTEMBER, later.plus(GRACE), later))
                .expectState(domain -> assertThat(domain.activeKey()).contains(marchAgain));
    }

    @Test
    void oldKeyIsRetiredWhenItsGraceEnds() {
        fixture.given(REGISTERED, FIRST_GENERATED, SECOND_GENERATED, ROTATED)
                .when(new RetireDkimKeyCommand(SHOP, MARCH, GRACE_ENDS))
                .expectEvents(new DkimKeyRetiredEvent(SHOP, MARCH, GRACE_ENDS))
                .expectState(domain -> assertThat(domain.keysValidForVerification())
                        .containsExactly(new PublishedDkimKey(SECOND, null)));
    }

    @Test
    void keyWhoseGraceHasEndedStaysPublishedUntilRetired() {
        fixture.given(REGISTERED, FIRST_GENERATED, SECOND_GENERATED, ROTATED)
                .when(new RetireDkimKeyCommand(SHOP, MARCH, GRACE_ENDS.plus(Duration.ofDays(30))))
                .expectEvents(new DkimKeyRetiredEvent(SHOP, MARCH, GRACE_ENDS.plus(Duration.ofDays(30))));
    }

    @Test
    void retiringBeforeTheGraceEndsIsRefusedSayingWhenItMayBe() {
        fixture.given(REGISTERED, FIRST_GENERATED, SECOND_GENERATED, ROTATED)
                .when(new RetireDkimKeyCommand(SHOP, MARCH, GRACE_ENDS.minusMillis(1)))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("The key with selector s2026-03 of sender domain shop.example stays valid"
                        + " for verification until " + GRACE_ENDS + "; it may be retired from " + GRACE_ENDS + ".");
    }

    @Test
    void compromisedKeyRotatedWithoutGraceIsRetiredAtOnce() {
        fixture.given(REGISTERED, FIRST_GENERATED)
                .andGivenCommands(new RotateDkimKeyCommand(SHOP, SECOND, Duration.ZERO, ROTATED_AT))
                .when(new RetireDkimKeyCommand(SHOP, MARCH, ROTATED_AT))
                .expectEvents(new DkimKeyRetiredEvent(SHOP, MARCH, ROTATED_AT))
                .expectState(domain -> assertThat(domain.keysValidForVerification())
                        .containsExactly(new PublishedDkimKey(SECOND, null)));
    }

    @Test
    void activeKeyIsNotRetired() {
        fixture.given(REGISTERED, FIRST_GENERATED, SECOND_GENERATED, ROTATED)
                .when(new RetireDkimKeyCommand(SHOP, SEPTEMBER, GRACE_ENDS))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("Selector s2026-09 names the active key of sender domain shop.example;"
                        + " rotate to a new key first, and retire this one when its grace has ended.");
    }

    @Test
    void retiringASelectorThatIsNotPublishedIsRefusedListingThoseThatAre() {
        fixture.given(REGISTERED, FIRST_GENERATED, SECOND_GENERATED, ROTATED)
                .when(new RetireDkimKeyCommand(SHOP, new DkimSelector("default"), GRACE_ENDS))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage("Sender domain shop.example publishes no key with selector default (never"
                        + " generated, or already retired); it publishes s2026-09 (active), s2026-03 (valid until "
                        + GRACE_ENDS + ").");
    }

    @Test
    void retiringAKeyTwiceIsRefused() {
        fixture.given(REGISTERED, FIRST_GENERATED, SECOND_GENERATED, ROTATED,
                        new DkimKeyRetiredEvent(SHOP, MARCH, GRACE_ENDS))
                .when(new RetireDkimKeyCommand(SHOP, MARCH, GRACE_ENDS.plusSeconds(1)))
                .expectNoEvents()
                .expectException(CommandRefusedException.class)
                .expectExceptionMessage(containsString("publishes no key with selector s2026-03"));
    }
}
