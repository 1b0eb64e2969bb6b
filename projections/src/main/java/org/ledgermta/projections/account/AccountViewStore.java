package org.ledgermta.projections.account;

import java.util.List;

/** Where the account directory keeps its views between restarts. */
public interface AccountViewStore {

    List<AccountView> loadAll();

    /** Insert or replace the view with this account id. */
    void save(AccountView view);
}
