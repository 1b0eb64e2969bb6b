package org.ledgermta.projections.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.account.AccountCreatedEvent;
import org.ledgermta.domain.account.AccountLimitsChangedEvent;
import org.ledgermta.domain.account.AccountNetworksChangedEvent;
import org.ledgermta.domain.account.AccountPasswordSetEvent;
import org.ledgermta.domain.account.AccountResumedEvent;
import org.ledgermta.domain.account.AccountSuspendedEvent;
import org.ledgermta.domain.account.Cidr;
import org.ledgermta.domain.account.PasswordHash;
import org.ledgermta.domain.limit.VolumeLimits;

class AccountDirectoryTest {

    private static final Instant AT = Instant.parse("2026-03-01T08:00:00Z");
    private static final PasswordHash HASH =
            new PasswordHash("pbkdf2-sha256$1$c2FsdA==$Eg+2z/z4syxD5yJSVsT4N6hlSMkszDVICAWYfLcL4Xs=");

    private final InMemoryStore store = new InMemoryStore();
    private final AccountDirectory directory = new AccountDirectory(store).load();

    private void create(String account, String... networks) {
        directory.on(new AccountCreatedEvent(new AccountId(account),
                Arrays.stream(networks).map(Cidr::new).toList(), null, VolumeLimits.UNLIMITED, AT));
    }

    private Optional<String> relaysAs(String clientIp) {
        return directory.findByClientAddress(clientIp).map(view -> view.id().value());
    }

    @Test
    void createdAccountIsFoundByIdAndByAnAddressInItsNetworks() {
        directory.on(new AccountCreatedEvent(new AccountId("acme"), List.of(new Cidr("203.0.113.0/24")), HASH,
                new VolumeLimits(100L, null, null), AT));

        AccountView expected = new AccountView(new AccountId("acme"), List.of(new Cidr("203.0.113.0/24")), HASH,
                new VolumeLimits(100L, null, null), false);
        assertThat(directory.find(new AccountId("acme"))).contains(expected);
        assertThat(directory.findByClientAddress("203.0.113.77")).contains(expected);
        assertThat(directory.findByClientAddress("203.0.114.1")).isEmpty();
        assertThat(store.saved).containsExactly(expected);
    }

    @Test
    void longestPrefixWinsAcrossAccounts() {
        create("hosting", "10.0.0.0/8", "2001:db8::/32");
        create("reseller", "10.1.0.0/16");
        create("one-server", "10.1.2.3", "2001:db8:1::/48");

        assertThat(relaysAs("10.9.9.9")).contains("hosting");
        assertThat(relaysAs("10.1.9.9")).contains("reseller");
        assertThat(relaysAs("10.1.2.3")).contains("one-server");
        assertThat(relaysAs("::ffff:10.1.2.3")).contains("one-server");
        assertThat(relaysAs("2001:db8:1::25")).contains("one-server");
        assertThat(relaysAs("2001:db8:2::25")).contains("hosting");
        assertThat(relaysAs("192.0.2.1")).isEmpty();
    }

    @Test
    void equalPrefixesGoToTheLowestAccountId() {
        create("zeta", "198.51.100.0/24");
        create("alpha", "198.51.100.0/24");
        create("mid", "198.51.100.0/24");

        assertThat(relaysAs("198.51.100.1")).contains("alpha");
    }

    @Test
    void suspendedAccountsClientsDoNotRelayThroughABroaderAccount() {
        create("hosting", "10.0.0.0/8");
        create("spammer", "10.6.6.0/24");
        directory.on(new AccountSuspendedEvent(new AccountId("spammer"), "complaints", AT));

        assertThat(relaysAs("10.6.6.6")).isEmpty();
        assertThat(directory.longestMatch("10.6.6.6")).hasValueSatisfying(view -> {
            assertThat(view.id()).isEqualTo(new AccountId("spammer"));
            assertThat(view.suspended()).isTrue();
        });
        assertThat(relaysAs("10.7.0.1")).contains("hosting");

        directory.on(new AccountResumedEvent(new AccountId("spammer"), "", AT));
        assertThat(relaysAs("10.6.6.6")).contains("spammer");
    }

    @Test
    void changesReplaceTheViewAndAreStored() {
        AccountId acme = new AccountId("acme");
        create("acme", "203.0.113.0/24");
        directory.on(new AccountNetworksChangedEvent(acme, List.of(new Cidr("192.0.2.0/25")), AT));
        directory.on(new AccountPasswordSetEvent(acme, HASH, AT));
        directory.on(new AccountLimitsChangedEvent(acme, new VolumeLimits(5L, 50L, 500L), AT));

        AccountView expected = new AccountView(acme, List.of(new Cidr("192.0.2.0/25")), HASH,
                new VolumeLimits(5L, 50L, 500L), false);
        assertThat(directory.find(acme)).contains(expected);
        assertThat(store.saved.getLast()).isEqualTo(expected);
        assertThat(relaysAs("203.0.113.1")).isEmpty();
        assertThat(relaysAs("192.0.2.127")).contains("acme");
        assertThat(relaysAs("192.0.2.128")).isEmpty();
    }

    @Test
    void storedViewsAreLoadedAtStart() {
        create("acme", "203.0.113.0/24");
        create("bravo", "198.51.100.0/24");
        directory.on(new AccountSuspendedEvent(new AccountId("bravo"), "unpaid", AT));

        AccountDirectory restarted = new AccountDirectory(store).load();

        assertThat(restarted.all()).isEqualTo(directory.all());
        assertThat(restarted.all()).extracting(view -> view.id().value()).containsExactly("acme", "bravo");
        assertThat(restarted.findByClientAddress("198.51.100.1")).isEmpty();
    }

    @Test
    void changeOfAnAccountTheDirectoryNeverSawIsAnError() {
        assertThatIllegalStateException()
                .isThrownBy(() -> directory.on(new AccountSuspendedEvent(new AccountId("ghost"), "x", AT)))
                .withMessageContaining("Account ghost changed but is not in the account directory");
    }

    @Test
    void linkLocalClientWithAZoneIsMatched() {
        create("lan", "fe80::/10");

        assertThat(relaysAs("fe80:0:0:0:0:0:0:1%eth0")).contains("lan");
    }

    @Test
    void clientAddressMustBeOneAddressLiteral() {
        create("acme", "203.0.113.0/24");

        assertThatIllegalArgumentException().isThrownBy(() -> directory.findByClientAddress("203.0.113.0/24"))
                .withMessageContaining("expected one address");
        assertThatIllegalArgumentException().isThrownBy(() -> directory.findByClientAddress("mail.example.org"))
                .withMessageContaining("without name resolution");
    }

    private static final class InMemoryStore implements AccountViewStore {
        final List<AccountView> saved = new ArrayList<>();
        final Map<AccountId, AccountView> byId = new LinkedHashMap<>();

        @Override
        public List<AccountView> loadAll() {
            return List.copyOf(byId.values());
        }

        @Override
        public void save(AccountView view) {
            saved.add(view);
            byId.put(view.id(), view);
        }
    }
}
