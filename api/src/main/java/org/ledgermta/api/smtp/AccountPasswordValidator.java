package org.ledgermta.api.smtp;

import org.ledgermta.api.account.PasswordHasher;
import org.ledgermta.domain.AccountId;
import org.ledgermta.projections.account.AccountDirectory;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.auth.UsernamePasswordValidator;

/** SMTP AUTH PLAIN/LOGIN against the accounts' hashed passwords. */
public final class AccountPasswordValidator implements UsernamePasswordValidator {

    private final AccountDirectory accounts;
    private final PasswordHasher hasher;

    public AccountPasswordValidator(AccountDirectory accounts, PasswordHasher hasher) {
        this.accounts = accounts;
        this.hasher = hasher;
    }

    @Override
    public void login(String username, String password, MessageContext context) throws LoginFailedException {
        AccountId id;
        try {
            id = new AccountId(username);
        } catch (IllegalArgumentException e) {
            throw failed();
        }
        boolean valid = accounts.find(id)
                .filter(account -> !account.suspended())
                .filter(account -> account.passwordHash() != null)
                .map(account -> hasher.verify(password, account.passwordHash()))
                .orElse(false);
        if (!valid) {
            throw failed();
        }
    }

    private static LoginFailedException failed() {
        // RFC 4954 §6: one answer for unknown user and wrong password
        return new LoginFailedException("authentication credentials invalid");
    }
}
