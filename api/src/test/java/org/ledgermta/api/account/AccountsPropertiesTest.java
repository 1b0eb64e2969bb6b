package org.ledgermta.api.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ledgermta.domain.account.Cidr;
import org.ledgermta.domain.limit.VolumeLimits;
import org.springframework.mock.env.MockEnvironment;

class AccountsPropertiesTest {

    private static AccountsProperties bind(Map<String, String> properties) {
        MockEnvironment environment = new MockEnvironment();
        properties.forEach(environment::setProperty);
        return AccountsProperties.bind(environment);
    }

    @Test
    void accountsAreReadWithTheirNetworksPasswordAndLimits() {
        AccountsProperties properties = bind(Map.of(
                "mta.accounts.acme.networks", "203.0.113.0/24, 2001:DB8::/32",
                "mta.accounts.acme.password", "s3cret",
                "mta.accounts.acme.limits.per-minute", "100",
                "mta.accounts.acme.limits.per-day", "20000",
                "mta.accounts[shop.example].networks", "192.0.2.7",
                "mta.data-dir", "/somewhere/else"));

        assertThat(properties.accounts()).containsOnlyKeys("acme", "shop.example");
        var acme = properties.accounts().get("acme");
        assertThat(acme.cidrs()).containsExactly(new Cidr("203.0.113.0/24"), new Cidr("2001:db8::/32"));
        assertThat(acme.password()).isEqualTo("s3cret");
        assertThat(acme.limits().volumeLimits()).isEqualTo(new VolumeLimits(100L, null, 20_000L));
        var shop = properties.accounts().get("shop.example");
        assertThat(shop.cidrs()).containsExactly(new Cidr("192.0.2.7/32"));
        assertThat(shop.password()).isNull();
        assertThat(shop.limits()).isNull();
    }

    @Test
    void noAccountsConfiguredIsEmpty() {
        assertThat(bind(Map.of()).accounts()).isEmpty();
    }

    @Test
    void misspeltKeyStopsStartUp() {
        assertThatThrownBy(() -> bind(Map.of("mta.accounts.acme.netwroks", "203.0.113.0/24")))
                .hasStackTraceContaining("mta.accounts.acme.netwroks");
    }

    @Test
    void invalidNetworkStopsStartUpWithTheFix() {
        assertThatThrownBy(() -> bind(Map.of("mta.accounts.acme.networks", "203.0.113.7/24")))
                .hasStackTraceContaining("mta.accounts.acme")
                .hasStackTraceContaining("write the network 203.0.113.0/24");
    }

    @Test
    void zeroLimitStopsStartUp() {
        assertThatThrownBy(() -> bind(Map.of("mta.accounts.acme.limits.per-hour", "0")))
                .hasStackTraceContaining("must be at least 1 recipient");
    }

    @Test
    void invalidAccountNameStopsStartUp() {
        assertThatThrownBy(() -> bind(Map.of("mta.accounts[acme corp].networks", "192.0.2.7")))
                .hasStackTraceContaining("Account id 'acme corp' is not valid");
    }

    @Test
    void networksMayBeAYamlList() {
        AccountsProperties properties = bind(Map.of(
                "mta.accounts.acme.networks[0]", "203.0.113.0/24",
                "mta.accounts.acme.networks[1]", "198.51.100.0/24"));

        assertThat(properties.accounts().get("acme").networks()).isEqualTo(List.of("203.0.113.0/24", "198.51.100.0/24"));
    }
}
