package org.ledgermta.projections.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ledgermta.domain.AccountId;
import org.ledgermta.domain.account.Cidr;
import org.ledgermta.domain.account.PasswordHash;
import org.ledgermta.domain.limit.VolumeLimits;

/** The document mapping; the api's restart tests store and read it through a real MongoDB driver. */
class MongoAccountViewStoreTest {

    static List<AccountView> views() {
        return List.of(
                new AccountView(new AccountId("acme"), List.of(new Cidr("203.0.113.0/24"), new Cidr("2001:db8::/32")),
                        new PasswordHash("pbkdf2-sha256$1$c2FsdA==$Eg+2z/z4syxD5yJSVsT4N6hlSMkszDVICAWYfLcL4Xs="),
                        new VolumeLimits(100L, null, 20_000L), true),
                new AccountView(new AccountId("network-only"), List.of(), null, VolumeLimits.UNLIMITED, false));
    }

    @ParameterizedTest
    @MethodSource("views")
    void viewSurvivesItsDocument(AccountView view) {
        Document document = MongoAccountViewStore.toDocument(view);

        assertThat(document.get("_id")).isEqualTo(view.id().value());
        assertThat(MongoAccountViewStore.fromDocument(Document.parse(document.toJson()))).isEqualTo(view);
    }
}
