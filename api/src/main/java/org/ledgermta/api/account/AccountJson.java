package org.ledgermta.api.account;

import java.util.List;
import org.ledgermta.domain.account.Cidr;
import org.ledgermta.domain.limit.VolumeLimits;
import org.ledgermta.projections.account.AccountView;

/** The admin API's bodies. An account is shown with whether it has a password, never with its hash. */
final class AccountJson {

    private AccountJson() {
    }

    record Account(String name, List<String> networks, boolean passwordSet, Limits limits, boolean suspended) {

        static Account of(AccountView view) {
            return new Account(view.id().value(), view.networks().stream().map(Cidr::value).toList(),
                    view.passwordHash() != null, Limits.of(view.limits()), view.suspended());
        }
    }

    /** A null window is unlimited. */
    record Limits(Long perMinute, Long perHour, Long perDay) {

        static Limits of(VolumeLimits limits) {
            return new Limits(limits.perMinute(), limits.perHour(), limits.perDay());
        }

        VolumeLimits toVolumeLimits() {
            return new VolumeLimits(perMinute, perHour, perDay);
        }
    }

    record CreateRequest(String name, List<String> networks, String password, Limits limits) {
    }

    record NetworksRequest(List<String> networks) {
    }

    record PasswordRequest(String password) {
    }

    record SuspendRequest(String reason) {
    }

    record ResumeRequest(String note) {
    }
}
