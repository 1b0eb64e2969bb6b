package org.ledgermta.api.account;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.account.Cidr;
import org.ledgermta.domain.limit.VolumeLimits;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.core.env.Environment;

/**
 * Accounts named in the configuration: {@code mta.accounts.<name>.networks} (CIDRs),
 * {@code .password} and {@code .limits.per-minute|per-hour|per-day}. A key left out is not managed by
 * the configuration: the account keeps what the admin API last set. Bound here rather than with
 * {@code @ConfigurationProperties("mta")}, so that a misspelt key under {@code mta.accounts} stops
 * start-up even though other {@code mta.*} keys belong to other classes.
 */
public record AccountsProperties(Map<String, AccountSeed> accounts) {

    public AccountsProperties {
        accounts = accounts == null ? Map.of() : new TreeMap<>(accounts);
        accounts.forEach((name, seed) -> {
            try {
                new AccountId(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("mta.accounts." + name + ": " + e.getMessage()
                        + " (a name with dots is written mta.accounts[shop.example].networks)", e);
            }
        });
    }

    static AccountsProperties bind(Environment environment) {
        return new AccountsProperties(Binder.get(environment)
                .bind("mta.accounts", Bindable.mapOf(String.class, AccountSeed.class),
                        new NoUnboundElementsBindHandler(BindHandler.DEFAULT))
                .orElse(Map.of()));
    }

    /** Any of the three may be null: not set by the configuration. */
    public record AccountSeed(List<String> networks, String password, Limits limits) {

        public AccountSeed {
            if (password != null && password.isEmpty()) {
                throw new IllegalArgumentException("password is empty: give the account's password, or leave "
                        + "the key out for an account that relays by network only");
            }
            toCidrs(networks);
            if (limits != null) {
                limits.volumeLimits();
            }
        }

        List<Cidr> cidrs() {
            return toCidrs(networks);
        }

        private static List<Cidr> toCidrs(List<String> networks) {
            return networks == null ? null : networks.stream().map(String::strip).map(Cidr::new).toList();
        }
    }

    public record Limits(Long perMinute, Long perHour, Long perDay) {

        VolumeLimits volumeLimits() {
            return new VolumeLimits(perMinute, perHour, perDay);
        }
    }
}
